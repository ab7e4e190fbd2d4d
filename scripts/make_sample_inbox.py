"""Writes the sample inbox (examples/inbox/): four invented complaints in .txt, .pdf, .docx and
.eml. Every name, number and address here is made up for this project.

    python scripts/make_sample_inbox.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from email.message import EmailMessage
from pathlib import Path

LETTERS = {
    "klacht-brief.txt": """Aan de Kinderombudsman
Postbus 00000

Utrecht, 14 maart 2026

Betreft: klacht over Jeugdbescherming Regio Noord

Geachte heer, mevrouw,

Mijn naam is Ingrid Brouwersma en ik ben de moeder van Sven (9). Sinds de ondertoezichtstelling
in 2024 hebben wij al vier verschillende gezinsvoogden gehad. De laatste, meneer T. Valkenier,
is in december vertrokken en sindsdien hebben wij geen gezinsvoogd meer. Niemand belt terug.
Op mijn mails krijg ik geen antwoord, en niemand legt mij uit wat er nu met Sven gaat gebeuren.

In het rapport voor de rechtbank staat dat ik niet meewerk aan hulp. Dat klopt niet: ik ga elke
week naar de therapie. Ik heb gevraagd het rapport te corrigeren, maar dat werd geweigerd.

U kunt mij bereiken op 06-21436587 of via ingrid.brouwersma@voorbeeldpost.nl.
Mijn adres is Wilgenlaan 17, 9712 XK Groningen.

Met vriendelijke groet,

Ingrid Brouwersma
""",
    "klacht-pdf.pdf": """Klacht over druk in het vrijwillig kader

Ik ben Henk Oosterveld, vader van Lieke. Er is geen maatregel, wij krijgen vrijwillige hulp.
Toch zei de gezinsmanager, mevrouw Dijkgraaf, dat als wij niet zouden tekenen voor het
onderzoek, zij naar de Raad voor de Kinderbescherming zou stappen en dat Lieke dan uit huis
geplaatst kon worden. Niemand heeft ons verteld dat wij mochten weigeren. Uit angst hebben
wij getekend.

Dossiernummer: JB-2025-44871. Telefoon: +31 6 5544 3322.
""",
    "klacht-word.docx": """Geachte Kinderombudsman,

Ik schrijf u namens mijn kleinzoon Mehmet. Mijn naam is Ayse Korkmaz. Mehmet woont bij
pleegouders in Zwolle. Er zijn zes instanties bij betrokken: het wijkteam, de GI, de school,
de GGZ en twee zorgaanbieders. Iedereen wijst naar elkaar en niemand neemt de regie. De
therapie voor Mehmet is nog steeds niet gestart, terwijl die een jaar geleden is toegezegd.

Mijn dochter blokkeert elke omgang en de gezinsvoogd grijpt niet in. Een schriftelijke
aanwijzing is nooit gegeven.

Met vriendelijke groet,
A. Korkmaz
""",
    "klacht-mail.eml": """Beste medewerker,

Ik heb een klacht ingediend over de gezinsvoogd van mijn dochter Noor. Ik kreeg twee
bemiddelingsgesprekken met de teammanager, meneer Wolthuis, maar hij verdedigde alleen
zijn medewerker. De uitkomst stond van tevoren vast. Pas in de laatste regel van een
standaardbrief las ik dat ik naar de Klachtencommissie kon. Zaaknummer C/05/412233 / JE RK 25-811.

Groet,
Marleen de Vries-Kuipers
06 44 55 66 77
""",
}


def write_pdf(text: str, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def write_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para.replace("\n", " "))
    document.save(str(path))


def write_eml(text: str, path: Path) -> None:
    msg = EmailMessage()
    msg["From"] = "Marleen de Vries <m.devries@voorbeeldpost.nl>"
    msg["To"] = "klachten@ombudsman.example"
    msg["Subject"] = "Klacht over bemiddeling"
    msg["Date"] = "Mon, 02 Mar 2026 09:15:00 +0100"
    msg.set_content(text)
    path.write_bytes(bytes(msg))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in LETTERS.items():
        path = out / name
        if name.endswith(".txt"):
            path.write_text(text, encoding="utf-8")
        elif name.endswith(".pdf"):
            write_pdf(text, path)
        elif name.endswith(".docx"):
            write_docx(text, path)
        else:
            write_eml(text, path)
    print(f"{len(LETTERS)} voorbeeldklachten geschreven naar {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("examples/inbox"))
