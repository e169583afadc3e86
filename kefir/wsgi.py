"""The WSGI entry point Zappa packages (`app_function: kefir.wsgi.app`)."""
from kefir import create_app

app = create_app()
