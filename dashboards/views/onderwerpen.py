"""The dashboard's page 'onderwerpen' (a file, so Streamlit's test runner can open it too)."""

from dashboards import topics_page
from dashboards.context import Context
from schemas.settings import load_settings

topics_page.page(Context.open(load_settings()))
