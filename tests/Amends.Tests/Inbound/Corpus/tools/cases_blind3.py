"""Blind 3: written after the last rule change, run once for the figures and never used to tune."""
from cases_en import C, LEGAL_EN
from cases_it import LEGAL_IT
from cases_pl import LEGAL_PL
from cases_nb import LEGAL_NB


def B3(*args, **kw):
    case = C(*args, **kw)
    case["set"] = "blind3"
    return case


CASES = [
    # English
    B3("b3-en-gmail-speaker-cutting-out", "en", "gmail", "Defective", ("jess.whitfield@gmail.com", "Jess Whitfield"),
       "Bluetooth speaker",
       "Hiya,\n\nthe bluetooth speaker keeps cutting out every few minutes and now the volume button has come loose. I've had it less than a month.\n\nJess"),
    B3("b3-en-outlook-returned-to-sender", "en", "outlook", "NotDelivered", ("m.ashworth@ashworthbuild.co.uk", "Mark Ashworth"),
       "Order 77120",
       "Hello,\n\nDPD say they tried to deliver on Tuesday but nobody knocked, I was in all day. Now the tracking says returned to sender. I still want the order, can you sort it out?\n\nMark",
       signature="Mark Ashworth\nAshworth Building Ltd", footer=LEGAL_EN),
    B3("b3-en-apple-ios-childrens-raincoat", "en", "apple-ios", "WrongItem", ("nadia.rahman@icloud.com", "Nadia Rahman"),
       "Raincoat",
       "Opened the parcel today and it's a children's raincoat, I ordered an adult medium. The label on the bag has someone else's name on it too."),
    B3("b3-en-thunderbird-moving-abroad", "en", "thunderbird", "ChangedMind", ("g.lindqvist@mailbox.org", "Greta Lindqvist"),
       "Standing desk order 77345",
       "Hello,\n\nI'd like to cancel and return the standing desk. We're moving abroad sooner than planned and won't have room for it. It hasn't been assembled.\n\nBest wishes\nGreta", signature="Greta Lindqvist"),
    B3("b3-en-gmail-pot-chunk-off", "en", "gmail", "DamagedInTransit", ("callum.reid.88@gmail.com", "Callum Reid"),
       "Plant pot",
       "Hi,\nthe outer box had obviously been dropped, one side was split right open, and the ceramic pot inside has a chunk broken off the rim.\nCallum", photos=[("IMG_4410.png", 1200, 900)]),
    B3("b3-en-outlook-ios-not-waterproof", "en", "outlook-ios", "NotAsDescribed", ("owen.price@outlook.com", "Owen Price"),
       "Jacket",
       "The jacket is sold as waterproof but I got soaked through in light drizzle. It's water resistant at best."),

    # Italian
    B3("b3-it-gmail-ventilatore-ticchettio", "it", "gmail", "Defective", ("elena.pace.ep@gmail.com", "Elena Pace"),
       "Ventilatore",
       "Salve, il ventilatore dopo qualche giorno ha iniziato a fare un ticchettio fortissimo e le pale girano a scatti. Come posso fare per la sostituzione?\nElena"),
    B3("b3-it-outlook-consegnato-ma-niente", "it", "outlook", "NotDelivered", ("amministrazione@studiocolombo.it", "Studio Colombo"),
       "Ordine 77610",
       "Buongiorno,\n\nil tracking dice consegnato ieri alle 14, ma in ufficio c'eravamo tutti e non abbiamo ricevuto niente, nemmeno un avviso. Potete verificare con il corriere?\n\nCordiali saluti",
       signature="Marta Colombo\nStudio Colombo", footer=LEGAL_IT),
    B3("b3-it-apple-ios-tazzine-quattro", "it", "apple-ios", "MissingPart", ("davide.orlando@icloud.com", "Davide Orlando"),
       "Tazzine",
       "Ciao, il set da 6 tazzine ne contiene solo 4, i piattini invece ci sono tutti."),
    B3("b3-it-thunderbird-piumino-non-convince", "it", "thunderbird", "ChangedMind", ("l.ferri@tiscali.it", "Laura Ferri"),
       "Piumino",
       "Buonasera,\n\nho acquistato il piumino ma dopo averlo provato non mi convince proprio, preferisco restituirlo. Ha ancora i cartellini.\n\nLaura Ferri", signature="Laura Ferri"),
    B3("b3-it-gmail-cornice-spaccata", "it", "gmail", "DamagedInTransit", ("gabriele.marini@gmail.com", "Gabriele Marini"),
       "Cornice ordine 77822",
       "Buongiorno, il pacco è arrivato con il nastro tagliato e richiuso male e l'angolo della cornice è spaccato. L'ho fatto presente subito al corriere.\nGabriele"),
    B3("b3-it-apple-mac-frullatore-nero", "it", "apple-mac", "WrongItem", ("roberta.neri@me.com", "Roberta Neri"),
       "Frullatore",
       "Buongiorno,\n\nnel pacco ho trovato un frullatore nero mentre avevo ordinato quello rosso. Il codice sull'etichetta è diverso da quello dell'ordine.\n\nRoberta"),

    # Polish
    B3("b3-pl-gmail-zelazko-brazowa-woda", "pl", "gmail", "Defective", ("agnieszka.pietrzak@gmail.com", "Agnieszka Pietrzak"),
       "Żelazko",
       "Dzień dobry,\nżelazko zaczęło wypluwać brązową wodę i plami ubrania, a używałam go może pięć razy.\nAgnieszka"),
    B3("b3-pl-outlook-w-drodze-9-dni", "pl", "outlook", "NotDelivered", ("sekretariat@nowak-serwis.pl", "Nowak Serwis"),
       "Zamówienie 78011",
       "Dzień dobry,\n\nw aplikacji paczka ma status „w drodze” od 9 dni. Nikt nie potrafi nam powiedzieć, gdzie jest.\n\nZ poważaniem",
       signature="Piotr Nowak\nNowak Serwis", footer=LEGAL_PL),
    B3("b3-pl-apple-ios-rowerek-pedaly", "pl", "apple-ios", "MissingPart", ("marta.gorska@icloud.com", "Marta Górska"),
       "Rowerek",
       "W kartonie z rowerkiem dziecięcym nie znalazłam pedałów ani dzwonka. Reszta jest."),
    B3("b3-pl-thunderbird-lampa-salon", "pl", "thunderbird", "ChangedMind", ("r.malinowski@o2.pl", "Robert Malinowski"),
       "Lampa – rezygnacja",
       "Dzień dobry,\n\nchcę zrezygnować z zakupu lampy, po prostu nie pasuje do naszego salonu. Jest nierozpakowana.\n\nRobert Malinowski", signature="Robert Malinowski"),
    B3("b3-pl-gmail-kurtka-meska", "pl", "gmail", "WrongItem", ("iwona.sobczak@gmail.com", "Iwona Sobczak"),
       "Kurtka",
       "Dzień dobry, przyszła do mnie zupełnie inna kurtka – męska zamiast damskiej. Numer zamówienia 78230.\nIwona"),
    B3("b3-pl-gmail-dywan-wymiary", "pl", "gmail", "NotAsDescribed", ("lukasz.baran.lb@gmail.com", "Łukasz Baran"),
       "Dywan",
       "Dzień dobry,\nna stronie było napisane, że dywan ma 160x230, a po zmierzeniu ma 140x200. Proszę o wyjaśnienie.\nŁukasz"),

    # Norwegian (bokmål)
    B3("b3-nb-gmail-vaffeljern-brant-meg", "nb", "gmail", "Defective", ("ane.rustad@gmail.com", "Ane Rustad"),
       "Vaffeljern",
       "Hei,\nvaffeljernet blir så varmt på håndtaket at jeg brant meg, og lampa lyser ikke lenger.\nAne"),
    B3("b3-nb-outlook-hentested", "nb", "outlook", "NotDelivered", ("okonomi@fjordbygg.no", "Fjordbygg"),
       "Ordre 78455",
       "Hei,\n\nsporingen sier at pakken er levert til hentested, men butikken der har ingen pakke til oss. Den skulle vært her forrige uke.\n\nMvh",
       signature="Øystein Lunde\nFjordbygg AS", footer=LEGAL_NB),
    B3("b3-nb-apple-ios-bord-en-eske", "nb", "apple-ios", "MissingPart", ("hilde.vik@icloud.com", "Hilde Vik"),
       "Spisebord",
       "Hei, spisebordet skulle komme i to esker, men vi har bare fått den ene. Bordplata er her, beina ikke."),
    B3("b3-nb-thunderbird-genser-fargen", "nb", "thunderbird", "ChangedMind", ("b.sandvik@online.no", "Bjørn Sandvik"),
       "Genser",
       "Hei!\n\nVil gjerne sende tilbake genseren, fargen var ikke helt meg likevel. Den er ubrukt og har merkelappen på.\n\nHilsen Bjørn", signature="Bjørn Sandvik"),
    B3("b3-nb-gmail-boker-bolgete", "nb", "gmail", "DamagedInTransit", ("jorunn.eide@gmail.com", "Jorunn Eide"),
       "Bøker",
       "Hei,\nesken var helt gjennomvåt da den kom og pappen i bunnen var oppløst. Bøkene inni er bølgete av vann.\nJorunn"),
    B3("b3-nb-apple-mac-feil-kabel", "nb", "apple-mac", "WrongItem", ("innkjop@nordlystech.no", "Nordlys Tech"),
       "Kabler ordre 78690",
       "Hei,\n\ndere har sendt oss 10 stk av feil kabel, USB-A i stedet for USB-C.\n\nHilsen Siv"),
]
