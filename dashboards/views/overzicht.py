"""The dashboard's page 'overzicht' (a file, so Streamlit's test runner can open it too)."""

from dashboards import overview
from dashboards.context import Context
from schemas.settings import load_settings

overview.page(Context.open(load_settings()))
