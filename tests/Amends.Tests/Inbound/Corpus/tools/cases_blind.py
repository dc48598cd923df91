"""Blind: written after the last rule change, never run before the figures were taken."""
from quotes import ship, ack
from cases_en import C, LEGAL_EN
from cases_it import LEGAL_IT
from cases_pl import LEGAL_PL
from cases_nb import LEGAL_NB


def B(*args, **kw):
    case = C(*args, **kw)
    case["set"] = "blind"
    return case


CASES = [
    B("bl-en-gmail-zip-broke", "en", "gmail", "Defective", ("hannah.price.92@gmail.com", "Hannah Price"),
      "Coat zip",
      "Hi,\nThe zip on the winter coat came off in my hand the second time I wore it. Can I get it replaced or repaired?\nHannah"),
    B("bl-en-outlook-pieces-short", "en", "outlook", "MissingPart", ("accounts@hartleyinteriors.co.uk", "Hartley Interiors"),
      "Order 21566 - glasses",
      "Good morning,\n\nWe ordered a box of 12 wine glasses and there were only 10 inside, with no sign of breakage.\n\nKind regards,\nJoanne Hartley\nHartley Interiors",
      footer=LEGAL_EN),
    B("bl-en-apple-ios-lost-in-depot", "en", "apple-ios", "NotDelivered", ("sam.turner@icloud.com", "Sam Turner"),
      "Where's my parcel",
      "Tracking has said 'at local depot' for 9 days now. I still have nothing. Order 31208."),
    B("bl-en-thunderbird-returned-gift", "en", "thunderbird", "ChangedMind", ("p.gibbs@posteo.net", "Patricia Gibbs"),
      "Return of a present",
      "Hello,\n\nThe throw was a present and the recipient would prefer a different colour, so I'd like to return it unused and get my money back.\n\nKind regards\nPatricia Gibbs", signature="Patricia Gibbs"),
    B("bl-en-gmail-cushion-smaller", "en", "gmail", "NotAsDescribed", ("leo.barnes@gmail.com", "Leo Barnes"),
      "Not what was advertised",
      "Hello, the floor cushion was advertised as 80cm but it's about 55cm, and the fabric isn't the cotton the page says. Can I send it back?\nLeo"),
    B("bl-it-gmail-bicchieri-rotti-pacco", "it", "gmail", "DamagedInTransit", ("cristina.gatti@gmail.com", "Cristina Gatti"),
      "Bicchieri",
      "Buongiorno, il pacco è arrivato con un angolo sfondato e tre bicchieri su sei erano in pezzi. Ho fatto le foto davanti al corriere.\nCristina"),
    B("bl-it-outlook-asciugacapelli", "it", "outlook", "Defective", ("r.mariani@marianiavvocati.it", "Riccardo Mariani"),
      "Asciugacapelli ordine 41877",
      "Buongiorno,\n\nl'asciugacapelli dopo cinque minuti di utilizzo si spegne da solo e fa odore di bruciato.\n\nCordiali saluti",
      signature="Avv. Riccardo Mariani\nStudio Legale Mariani", footer=LEGAL_IT),
    B("bl-it-apple-ios-ricevuto-altro", "it", "apple-ios", "WrongItem", ("noemi.palumbo@icloud.com", "Noemi Palumbo"),
      "Ordine sbagliato",
      "Nel pacco c'era una coperta matrimoniale, io avevo preso quella singola. Come facciamo il cambio?"),
    B("bl-it-thunderbird-non-serve", "it", "thunderbird", "ChangedMind", ("ugo.ferrara@email.it", "Ugo Ferrara"),
      "Reso ordine 51330",
      "Salve,\n\nho comprato un secondo tostapane per errore, ne avevo già uno identico. Posso restituirlo? È ancora sigillato.\n\nGrazie\nUgo Ferrara", signature="Ugo Ferrara"),
    B("bl-it-gmail-ancora-niente", "it", "gmail", "NotDelivered", ("serena.vitale@gmail.com", "Serena Vitale"),
      "Spedizione",
      "Ciao, ho ordinato il 3 novembre e ad oggi ancora niente, il corriere non risponde. Potete controllare?\nSerena"),
    B("bl-pl-gmail-pekniety-kubek", "pl", "gmail", "Defective", ("grzegorz.zawadzki@gmail.com", "Grzegorz Zawadzki"),
      "Termos",
      "Dzień dobry,\ntermos przestał trzymać temperaturę po kilku dniach, a pokrywka przecieka.\nGrzegorz"),
    B("bl-pl-outlook-brakuje-jednego", "pl", "outlook", "MissingPart", ("zamowienia@kwiatkowska.pl", "Ewelina Kwiatkowska"),
      "Zamówienie 61492",
      "Dzień dobry,\n\nzamówiłam komplet czterech krzeseł, a dotarły trzy. W paczce brakuje jednego krzesła.\n\nPozdrawiam",
      signature="Ewelina Kwiatkowska\nKwiatkowska Catering", footer=LEGAL_PL),
    B("bl-pl-apple-ios-rozbity", "pl", "apple-ios", "DamagedInTransit", ("olga.sadowska@icloud.com", "Olga Sadowska"),
      "Uszkodzenie",
      "Paczka była zgnieciona z jednej strony, a szklana misa w środku rozbita. Zdjęcia w załączniku.", photos=[("IMG_7710.png", 1024, 768)]),
    B("bl-pl-thunderbird-zle-wybralem", "pl", "thunderbird", "ChangedMind", ("t.borkowski@gazeta.pl", "Tadeusz Borkowski"),
      "Zwrot",
      "Dzień dobry,\n\nprzez pomyłkę zamówiłem ładowarkę do innego modelu telefonu. Chciałbym ją zwrócić.\n\nPozdrawiam\nTadeusz", signature="Tadeusz Borkowski"),
    B("bl-pl-gmail-nie-ma-paczki", "pl", "gmail", "NotDelivered", ("karolina.wrobel@gmail.com", "Karolina Wróbel"),
      "Brak przesyłki",
      "Dzień dobry, minęły dwa tygodnie od zamówienia 71055 i nie dostałam paczki. Status nie zmienia się od wtorku."),
    B("bl-nb-gmail-sprekk", "nb", "gmail", "Defective", ("ole.brekke@gmail.com", "Ole Brekke"),
      "Bolle",
      "Hei,\nskålen har fått en sprekk etter første oppvask, og nå lekker den.\nOle"),
    B("bl-nb-outlook-fikk-to-av-tre", "nb", "outlook", "MissingPart", ("post@wangkafe.no", "Line Wang"),
      "Ordre 81733",
      "Hei,\n\nvi bestilte tre lamper, men fikk bare to i pakken. Den tredje mangler.\n\nMvh",
      signature="Line Wang\nWang Kafé AS", footer=LEGAL_NB),
    B("bl-nb-apple-ios-feil-modell", "nb", "apple-ios", "WrongItem", ("kristian.tveit@icloud.com", "Kristian Tveit"),
      "Feil modell",
      "Hei, dere sendte den gamle modellen av hodetelefonene, ikke den nye som jeg bestilte."),
    B("bl-nb-thunderbird-angret-kjop", "nb", "thunderbird", "ChangedMind", ("randi.myhre@online.no", "Randi Myhre"),
      "Retur av kjole",
      "Hei,\n\nkjolen passet ikke meg likevel, så jeg ønsker å returnere den og få pengene tilbake.\n\nHilsen Randi", signature="Randi Myhre"),
    B("bl-nb-gmail-ikke-kommet", "nb", "gmail", "NotDelivered", ("even.strom@gmail.com", "Even Strøm"),
      "Pakke ikke kommet",
      "Hei! Bestilte for to uker siden, men pakken har ikke kommet. Sporingen viser ingenting nytt.\nEven"),
]
