"""Twenty short news articles about the war in Syria, written for the reliability tests.

They are varied on purpose (clashes, air strikes, shelling, towns changing hands,
protests, a truce, a bombing), each with a headline, a dateline and two to four
sentences, and a manifest giving outlet and publication date.
"""

from __future__ import annotations

import json
from pathlib import Path

#: (file stem, outlet, published, headline, body)
ARTICLES: list[tuple[str, str, str, str, str]] = [
    ("a01", "Reuters", "2016-03-27", "Syrian army retakes Palmyra from Islamic State",
     "PALMYRA, Syria - The Syrian army took back the desert city of Palmyra from Islamic "
     "State militants on Sunday, state television said. Russian jets struck militant "
     "positions east of the town on Saturday, killing at least 30 fighters, a monitoring group said."),
    ("a02", "AFP", "2016-04-12", "Barrel bombs kill 12 in Aleppo",
     "ALEPPO - Government helicopters dropped barrel bombs on the rebel-held Sukkari district "
     "of Aleppo on Tuesday, killing 12 civilians including three children, rescue workers "
     "said. Rebels answered with mortar fire on government-held western districts."),
    ("a03", "SOHR", "2015-05-21", "Islamic State seizes Palmyra",
     "Islamic State fighters seized Palmyra on Wednesday after government forces withdrew to "
     "the west. At least 20 soldiers were killed in clashes near the town on Tuesday. "
     "Residents said the militants went from house to house searching for soldiers."),
    ("a04", "Al Jazeera", "2011-03-19", "Protesters burn party office in Daraa",
     "DARAA - Protesters set fire to the Baath party headquarters in Daraa on Friday as "
     "security forces opened fire on the crowd, killing four people, activists said. "
     "Hundreds marched again after the funerals on Saturday."),
    ("a05", "Reuters", "2016-08-07", "Rebels break siege of Aleppo",
     "Rebel fighters said on Sunday they had broken the government siege of eastern Aleppo "
     "after capturing the artillery academy in Ramouseh. Dozens of fighters on both sides "
     "were killed in the fighting, the Observatory monitoring group said."),
    ("a06", "BBC", "2016-12-22", "Government declares full control of Aleppo",
     "The Syrian army said on Thursday it had taken full control of Aleppo after the last "
     "rebel fighters and civilians were evacuated from the east of the city. Buses left "
     "the Ramouseh crossing for Idlib province overnight."),
    ("a07", "SANA", "2017-03-02", "Army restores security to Palmyra",
     "Army units, backed by Russian air support, restored security and stability to "
     "Palmyra on Thursday after fierce battles with ISIS terrorists, SANA said. Engineering "
     "units began clearing mines from the town's streets."),
    ("a08", "Associated Press", "2017-04-04", "Dozens killed in suspected gas attack in Idlib",
     "KHAN SHEIKHOUN, Syria - A suspected chemical attack in the opposition-held town of Khan "
     "Sheikhoun in Idlib province killed at least 58 people on Tuesday, a monitoring group "
     "said. Air strikes later hit a clinic treating the wounded."),
    ("a09", "Reuters", "2017-10-17", "US-backed forces capture Raqqa",
     "The Syrian Democratic Forces captured the last Islamic State positions in Raqqa on "
     "Tuesday, ending a four-month battle for the city. Coalition air strikes supported the "
     "final assault on the national hospital and the stadium."),
    ("a10", "AFP", "2018-03-18", "Turkish-backed rebels enter Afrin",
     "AFRIN, Syria - Turkish troops and allied Syrian rebels took full control of the Kurdish "
     "town of Afrin on Sunday after YPG fighters withdrew, Turkey's president said. Turkish "
     "shelling killed 18 civilians in the town on Friday, the Observatory said."),
    ("a11", "Enab Baladi", "2018-02-20", "Shelling kills dozens in Eastern Ghouta",
     "Government artillery fire and air raids killed at least 94 civilians in Eastern Ghouta "
     "on Monday, the deadliest day in the enclave in three years. Rockets fired by rebels hit "
     "the Bab Touma district of Damascus, killing two people."),
    ("a12", "Reuters", "2018-07-12", "Government flag raised in Daraa city",
     "Syrian government forces raised the national flag over Daraa al-Balad on Thursday, "
     "the opposition-held old quarter of Daraa city where the uprising began, after rebels "
     "agreed to hand over their heavy weapons in a Russian-mediated deal."),
    ("a13", "Al Jazeera", "2019-08-23", "Syrian troops enter Khan Sheikhoun",
     "Syrian government troops entered Khan Sheikhoun on Friday after rebels withdrew from "
     "the town and the surrounding countryside of Hama. Russian air strikes on Maarat "
     "al-Numan killed six civilians the same day, rescuers said."),
    ("a14", "SOHR", "2014-06-10", "Clashes between Nusra Front and Islamic State in Deir ez-Zor",
     "Fierce clashes broke out between the Nusra Front and Islamic State in rural Deir "
     "ez-Zor on Tuesday, killing 17 fighters. Islamic State later took over the "
     "town of Busayrah, east of the provincial capital."),
    ("a15", "Middle East Eye", "2015-09-30", "Russian air strikes hit Homs countryside",
     "Russian warplanes carried out their first air strikes in Syria on Wednesday, hitting "
     "the towns of Talbiseh and Rastan in Homs province. Local activists said 36 civilians "
     "were killed, among them five children."),
    ("a16", "Reuters", "2016-02-27", "Truce largely holds on first day",
     "A cessation of hostilities agreed by Washington and Moscow largely held on "
     "Saturday, though rebels accused government forces of shelling villages near Latakia. "
     "No air strikes were reported over Aleppo during the day."),
    ("a17", "Kurdistan24", "2015-01-26", "Kurdish fighters drive Islamic State out of Kobani",
     "KOBANI - Kurdish YPG fighters drove Islamic State out of the border town of Kobani on "
     "Monday after more than four months of fighting, helped by US-led air strikes. "
     "Islamic State fighters withdrew to villages south of the town."),
    ("a18", "AFP", "2013-08-21", "Rocket attack on Ghouta",
     "Rockets carrying nerve agent struck the Damascus suburbs of Zamalka and Ein Tarma "
     "before dawn on Wednesday, killing hundreds of people, opposition activists said. "
     "The government denied using chemical weapons."),
    ("a19", "Syria Direct", "2019-05-09", "Regime captures Kafr Nabudah",
     "Regime forces captured Kafr Nabudah in northern Hama on Wednesday after heavy Russian "
     "bombardment, the third attempt in a week. Rebels counter-attacked at night and "
     "killed 14 soldiers, a rebel commander said."),
    ("a20", "The National", "2020-02-08", "Saraqeb falls to government forces",
     "Government forces took the town of Saraqeb in Idlib province on Saturday, cutting the "
     "M5 highway between Aleppo and Damascus. Turkish artillery shelled army positions near "
     "the town after four Turkish soldiers were killed by government fire on Monday."),
]


def write_articles(folder: Path) -> list[Path]:
    """Write the articles as ``.txt`` files (headline, blank line, body) and a manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for stem, outlet, published, headline, body in ARTICLES:
            path = folder / f"{stem}.txt"
            path.write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
            paths.append(path)
            entry = {"file": path.name, "title": headline, "outlet": outlet,
                     "published": published}
            manifest.write(json.dumps(entry) + "\n")
    return paths
