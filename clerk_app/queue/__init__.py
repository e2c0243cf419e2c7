"""Queue calling (叫号): the window is a client of the hall's queue system.

``adapter`` declares the interface (``QueueAdapter``) and its values; ``sandbox_http`` speaks the sandbox's hall
queue service, ``mapped_http`` any vendor's HTTP API mapped in the configuration file (docs/queue.md); ``service``
runs the calls off the GUI thread, guards double presses, keeps the window working when the queue system is gone;
``case_link`` records the ticket with the case (wait and service times).
"""
