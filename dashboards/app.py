"""rodedraad dashboard (Streamlit), in Dutch: an overview of themes over time and per
municipality, organisation and role with the complaints and their marked evidence; new topics;
and a page to label complaints.

Each complaint counts once (linked copies of one letter are not counted again) on its complaint
date: the letter's own date when it carries one, else the received day (``date_basis``).

Reads only the published snapshot (``published_path`` in the settings, read like every command
reads them), opened read-only for as long as a query takes, so it never blocks ingestion.
Municipalities, organisations and roles with fewer than ``min_cell`` complaints in the selected
period are shown as "overig" (``reports.suppression``, the reports' rule; ``filters``). Labels
set on the Labelen page go to a queue that the next command writing the warehouse takes in
(``application.label_queue``). Start it with ``rodedraad dashboard``.
"""

from __future__ import annotations

import streamlit as st


def main() -> None:
    st.set_page_config(page_title="rodedraad", layout="wide")
    pages = [  # paths relative to this file
        st.Page("views/overzicht.py", title="Overzicht", url_path="overzicht", default=True),
        st.Page("views/onderwerpen.py", title="Nieuwe onderwerpen", url_path="onderwerpen"),
        st.Page("views/labelen.py", title="Labelen", url_path="labelen"),
    ]
    st.navigation(pages).run()


main()
