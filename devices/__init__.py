"""Device drivers: identity readers, scanners, cameras. Depends on the domain; never on ui or Qt widgets.

Each device stack runs on its own single worker thread (``devices.executor``); drivers raise typed
``clerk_app.errors.DeviceError``s that the UI shows in Chinese."""
