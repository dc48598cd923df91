"""Blind 4: written after the last rule change, run once for the figures and never used to tune."""
from cases_en import C, LEGAL_EN
from cases_it import LEGAL_IT
from cases_pl import LEGAL_PL
from cases_nb import LEGAL_NB


def B4(*args, **kw):
    case = C(*args, **kw)
    case["set"] = "blind4"
    return case


CASES = [
    # English
    B4("b4-en-gmail-straighteners-one-side", "en", "gmail", "Defective", ("amy.collins.ac@gmail.com", "Amy Collins"),
       "Straighteners",
       "Hi,\n\nthe hair straighteners only heat up on one side, the other plate stays cold. I bought them 10 days ago.\n\nAmy"),
    B4("b4-en-outlook-two-chairs-of-four", "en", "outlook", "MissingPart", ("office@greenwaycafe.co.uk", "Greenway Cafe"),
       "Order 81204 garden set",
       "Hello,\n\nthe garden furniture set came with the table and two chairs, but the order confirmation says four chairs. Where are the other two?\n\nKind regards",
       signature="Tom Greenway\nGreenway Cafe", footer=LEGAL_EN),
    B4("b4-en-apple-ios-exception", "en", "apple-ios", "NotDelivered", ("zara.hussain@icloud.com", "Zara Hussain"),
       "Order",
       "Hi, my order from 2 weeks ago still isn't here. The courier's website just says 'exception' with no explanation."),
    B4("b4-en-thunderbird-sale-three-lamps", "en", "thunderbird", "ChangedMind", ("c.ogden@zoho.eu", "Carol Ogden"),
       "Lamps from the sale",
       "Hello,\n\nI'm afraid I got carried away in your sale and bought three lamps when I only have space for one. Could I send two of them back?\n\nCarol", signature="Carol Ogden"),
    B4("b4-en-gmail-500ml-not-litre", "en", "gmail", "WrongItem", ("hugo.marsh@gmail.com", "Hugo Marsh"),
       "Water bottle order 81377",
       "Dear team,\n\nthe invoice is correct but the bottle inside is the 500ml one, not the 1 litre I paid for.\n\nHugo"),

    # Italian
    B4("b4-it-gmail-divano-scheda", "it", "gmail", "NotAsDescribed", ("valentina.greco.vg@gmail.com", "Valentina Greco"),
       "Divano letto",
       "Buongiorno,\nil divano letto ha la rete molto più bassa di quanto indicato nella scheda prodotto, e il tessuto è ruvido, non morbido come scritto.\nValentina"),
    B4("b4-it-outlook-lavatrice-non-scarica", "it", "outlook", "Defective", ("info@bbcasamare.it", "B&B Casa Mare"),
       "Lavatrice portatile",
       "Buongiorno,\n\nla lavatrice portatile non scarica l'acqua: resta piena e fa un ronzio. L'abbiamo usata due volte.\n\nCordiali saluti",
       signature="Franca Esposito\nB&B Casa Mare", footer=LEGAL_IT),
    B4("b4-it-apple-ios-nessuna-notizia", "it", "apple-ios", "NotDelivered", ("matteo.caruso@icloud.com", "Matteo Caruso"),
       "Pacco",
       "Salve, sono passati 12 giorni e del pacco nessuna notizia. Il numero di tracciamento non viene riconosciuto."),
    B4("b4-it-gmail-sedia-gamba-piegata", "it", "gmail", "DamagedInTransit", ("simone.bruno.sb@gmail.com", "Simone Bruno"),
       "Sedia ordine 81590",
       "Ciao, il corriere mi ha consegnato la scatola con un lato completamente sfondato e la sedia dentro ha una gamba piegata.\nSimone"),
    B4("b4-it-thunderbird-cover-cambiato-telefono", "it", "thunderbird", "ChangedMind", ("g.longo@alice.it", "Giorgio Longo"),
       "Cover",
       "Ciao,\n\nho ordinato la cover ma nel frattempo ho cambiato telefono, quindi non la posso usare. Posso fare il reso?\n\nGiorgio", signature="Giorgio Longo"),

    # Polish
    B4("b4-pl-gmail-blender-smierdzi", "pl", "gmail", "Defective", ("dorota.michalak@gmail.com", "Dorota Michalak"),
       "Blender",
       "Dzień dobry,\nblender po kilku użyciach zaczął strasznie śmierdzieć przy pracy, a ostrza się zablokowały.\nDorota"),
    B4("b4-pl-apple-ios-mokra-porwana", "pl", "apple-ios", "DamagedInTransit", ("szymon.adamczyk@icloud.com", "Szymon Adamczyk"),
       "Paczka",
       "Paczka przyszła cała mokra i porwana, a książka w środku ma pogniecione i zalane strony.", photos=[("IMG_5120.png", 1024, 1365)]),
    B4("b4-pl-gmail-etui-rozowe", "pl", "gmail", "WrongItem", ("weronika.wilk@gmail.com", "Weronika Wilk"),
       "Etui",
       "Zamiast czarnego etui przyszło różowe. Na fakturze jest czarne.\nWeronika"),
    B4("b4-pl-outlook-buty-nie-skorzane", "pl", "outlook", "NotAsDescribed", ("k.zajac@zajac-biuro.pl", "Krzysztof Zając"),
       "Buty – zamówienie 81733",
       "Dzień dobry,\n\nbuty na zdjęciu wyglądały na skórzane, a są z jakiegoś sztucznego materiału i pachną gumą. Opis mówił o skórze naturalnej.\n\nPozdrawiam",
       signature="Krzysztof Zając", footer=LEGAL_PL),
    B4("b4-pl-thunderbird-klocki-od-dziadkow", "pl", "thunderbird", "ChangedMind", ("e.kubiak@onet.pl", "Edyta Kubiak"),
       "Klocki",
       "Dzień dobry,\n\ncórka dostała już taki sam zestaw klocków od dziadków, więc chcielibyśmy go oddać. Folia jest nienaruszona.\n\nEdyta Kubiak", signature="Edyta Kubiak"),

    # Norwegian (bokmål)
    B4("b4-nb-gmail-glidelas-roket", "nb", "gmail", "Defective", ("sondre.holm@gmail.com", "Sondre Holm"),
       "Sekk",
       "Hei,\nglidelåsen på sekken har røket allerede etter to turer, og en av stroppene har begynt å rakne.\nSondre"),
    B4("b4-nb-outlook-gronn-sofa", "nb", "outlook", "WrongItem", ("post@lundinterior.no", "Lund Interiør"),
       "Sofa ordre 81902",
       "Hei!\n\nVi fikk levert en grønn sofa, men vi bestilte den i mørkegrå. Ordrebekreftelsen sier grå.\n\nMvh",
       signature="Mona Lund\nLund Interiør AS", footer=LEGAL_NB),
    B4("b4-nb-apple-ios-hva-har-skjedd", "nb", "apple-ios", "NotDelivered", ("tuva.ness@icloud.com", "Tuva Ness"),
       "Pakken",
       "Hei, hva har skjedd med pakken min? Det har gått over to uker, og sporingsnummeret finnes ikke hos Posten."),
    B4("b4-nb-gmail-kjeler-uten-lokk", "nb", "gmail", "MissingPart", ("arne.foss@gmail.com", "Arne Foss"),
       "Kjelesett",
       "Hei,\ni kjelesettet var det ingen lokk, bare selve kjelene. Skal det være sånn?\nArne"),
    B4("b4-nb-thunderbird-hull-tv", "nb", "thunderbird", "DamagedInTransit", ("g.tangen@online.no", "Geir Tangen"),
       "TV",
       "Hei,\n\npakken ble levert med et stort hull i siden, og skjermen på TV-en er knust. Sjåføren ville ikke vente mens jeg åpnet den.\n\nGeir", signature="Geir Tangen"),
]
