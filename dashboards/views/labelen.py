"""The dashboard's page 'labelen' (a file, so Streamlit's test runner can open it too)."""

from dashboards import labelling
from dashboards.context import Context
from schemas.settings import load_settings

labelling.page(Context.open(load_settings()))
