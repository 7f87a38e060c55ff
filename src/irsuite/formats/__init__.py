"""The site's date and time formats (Django's FORMAT_MODULE_PATH): one way of writing a date on
every page, whatever the locale's own defaults."""
