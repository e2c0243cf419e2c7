"""The customer-facing screen on the citizen's side of the counter (issue 14): ``screen`` renders a
``clerk_app.customer.view.CustomerView``, ``placement`` puts it on the administrator's monitor, ``wiring`` links it to
the queue, the card reader and the acceptance flow."""
