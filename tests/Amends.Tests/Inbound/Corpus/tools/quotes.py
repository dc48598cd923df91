"""Mails customers answer or quote: the shop's shipping notice and our acknowledgement."""

SHIP = {
    "en": ("Shop orders", "orders@shop.example", "Your order {o} is on its way",
           "Hello,\n\nGood news: your order {o} has shipped with DPD and should be delivered within 2-3 working days.\nTrack your parcel: https://track.example/{o}\n\nIf the parcel looks damaged when the courier delivers it, please note it on the driver's device.\n\nThe Shop team"),
    "it": ("Ordini Shop", "orders@shop.example", "Il tuo ordine {o} è stato spedito",
           "Ciao,\n\nil tuo ordine {o} è stato affidato al corriere BRT e verrà consegnato in 2-3 giorni lavorativi.\nTraccia la spedizione: https://track.example/{o}\n\nSe il pacco arriva danneggiato, accettalo con riserva specificando il danno al corriere.\n\nIl team di Shop"),
    "pl": ("Zamówienia Shop", "orders@shop.example", "Twoje zamówienie {o} zostało wysłane",
           "Dzień dobry,\n\nTwoje zamówienie {o} zostało przekazane kurierowi InPost i zostanie dostarczone w ciągu 2-3 dni roboczych.\nŚledź przesyłkę: https://track.example/{o}\n\nJeśli paczka dotrze uszkodzona, spisz protokół szkody z kurierem.\n\nZespół Shop"),
    "nb": ("Shop bestillinger", "orders@shop.example", "Bestillingen din {o} er sendt",
           "Hei,\n\nbestillingen din {o} er sendt med Posten og blir levert innen 2-3 virkedager.\nSpor pakken: https://track.example/{o}\n\nHvis pakken er skadet ved levering, må du si fra til sjåføren.\n\nHilsen Shop"),
}

ACK = {
    "en": ("Customer care", "incidents@shop.example", "[{id}] We have received your report",
           "Dear customer,\n\nthank you for writing to us. Your report has number {id}. We will look into it and write to you again within 2 working days.\nYou can follow it here: https://shop.example/status/{id}\n\nCustomer care"),
    "it": ("Assistenza clienti", "incidents@shop.example", "[{id}] Abbiamo ricevuto la sua segnalazione",
           "Gentile cliente,\n\ngrazie per averci scritto. La sua segnalazione ha il numero {id}. La esamineremo e le scriveremo di nuovo entro 2 giorni lavorativi.\nPuò seguirla qui: https://shop.example/status/{id}\n\nAssistenza clienti"),
    "pl": ("Obsługa klienta", "incidents@shop.example", "[{id}] Otrzymaliśmy Pana/Pani zgłoszenie",
           "Szanowni Państwo,\n\ndziękujemy za wiadomość. Zgłoszenie ma numer {id}. Sprawdzimy je i odezwiemy się w ciągu 2 dni roboczych.\nStatus: https://shop.example/status/{id}\n\nObsługa klienta"),
    "nb": ("Kundeservice", "incidents@shop.example", "[{id}] Vi har mottatt henvendelsen din",
           "Hei,\n\ntakk for at du skrev til oss. Saken din har nummer {id}. Vi ser på den og skriver til deg igjen innen 2 virkedager.\nFølg saken her: https://shop.example/status/{id}\n\nKundeservice"),
}


def ship(lang, order):
    n, a, s, b = SHIP[lang]
    return (n, a, s.format(o=order), b.format(o=order))


def ack(lang, incident):
    n, a, s, b = ACK[lang]
    return (n, a, s.format(id=incident), b.format(id=incident))
