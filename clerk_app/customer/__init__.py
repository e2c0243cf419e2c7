"""The citizen's side of the window: what the customer screen shows (``view``) and the 好差评 evaluations
(``evaluation``). Qt-free; ``ui/customer_screen`` renders and reports the citizen's touches back."""
