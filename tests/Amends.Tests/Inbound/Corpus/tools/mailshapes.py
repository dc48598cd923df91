"""Wraps a customer's words in the shape their mail program gives them.

The shapes follow what the programs emit (headers, Message-ID style, multipart layout, quote
attribution, separators, footers) in en/it/pl/nb. The customer texts themselves are in cases_*.py.
"""
import base64, hashlib, html, random, struct, zlib
from email.message import EmailMessage
from email.policy import SMTP as SMTP78
SMTP = SMTP78
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

OURS = ("Customer care", "incidents@shop.example")
BASE = datetime(2026, 11, 2, 8, 0, tzinfo=timezone.utc)

WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
            "pl": ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"],
            "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]}
MONTHS = {"en": "November", "it": "novembre", "pl": "listopada", "nb": "november"}
SHORT_DAY = {"en": "Mon", "it": "lun", "pl": "pon.", "nb": "man."}
SHORT_MONTH = {"en": "Nov", "it": "nov", "pl": "lis", "nb": "nov."}
CARE = {"en": "Customer care", "it": "Assistenza clienti", "pl": "Obsługa klienta", "nb": "Kundeservice"}
SHIPPING = {"en": "Shop orders", "it": "Ordini Shop", "pl": "Zamówienia Shop", "nb": "Shop bestillinger"}


def rnd(seed):
    return random.Random(hashlib.sha256(seed.encode()).digest())


def when(i):
    return BASE + timedelta(hours=7 * i, minutes=13 * i % 60)


def message_id(client, r, domain):
    if client.startswith("outlook"):
        box = "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(4))
        tail = "".join(r.choice("0123456789ABCDEF") for _ in range(32))
        host = f"{r.choice(['DB9PR08MB', 'AM0PR04MB', 'VI1PR07MB', 'PAXPR02MB', 'GV1PR09MB'])}{r.randint(1000, 9999)}.eurprd0{r.randint(1, 9)}.prod.outlook.com"
        return f"<{box}{host.split('.')[0]}{tail}@{host}>"
    if client == "gmail":
        token = base64.b64encode(bytes(r.getrandbits(8) for _ in range(33))).decode().replace("/", "_").replace("=", "")
        return f"<CA{token}@mail.gmail.com>"
    if client.startswith("apple"):
        u = "".join(r.choice("0123456789ABCDEF") for _ in range(32))
        return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{domain}>"
    u = "".join(r.choice("0123456789abcdef") for _ in range(32))
    return f"<{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}@{domain}>"


def attribution(client, lang, sent, name, addr, wrap):
    d, t = sent, sent.strftime("%H:%M")
    if client == "gmail":
        text = {"en": f"On {SHORT_DAY['en']}, {d.day} {SHORT_MONTH['en']} {d.year} at {t}, {name} <{addr}> wrote:",
                "it": f"Il giorno {SHORT_DAY['it']} {d.day} {SHORT_MONTH['it']} {d.year} alle ore {t} {name} <{addr}> ha scritto:",
                "pl": f"{SHORT_DAY['pl']}, {d.day} {SHORT_MONTH['pl']} {d.year} o {t} {name} <{addr}> napisał(a):",
                "nb": f"{SHORT_DAY['nb']} {d.day}. {SHORT_MONTH['nb']} {d.year} kl. {t} skrev {name} <{addr}>:"}[lang]
        if wrap and len(text) > 70:
            cut = text.rfind(" ", 0, 70)
            text = text[:cut] + "\n" + text[cut + 1:]
        return text
    if client.startswith("apple"):
        return {"en": f"On {d.day} {SHORT_MONTH['en']} {d.year}, at {t}, {name} <{addr}> wrote:",
                "it": f"Il giorno {d.day} {SHORT_MONTH['it']} {d.year}, alle ore {t}, {name} <{addr}> ha scritto:",
                "pl": f"Wiadomość napisana przez {name} <{addr}> w dniu {d.day:02}.{d.month:02}.{d.year}, o godz. {t}:",
                "nb": f"{d.day}. {SHORT_MONTH['nb']} {d.year} kl. {t} skrev {name} <{addr}>:"}[lang]
    # Thunderbird
    return {"en": f"On {d.day:02}/{d.month:02}/{d.year} {t}, {name} wrote:",
            "it": f"Il {d.day:02}/{d.month:02}/{d.year} {t}, {name} ha scritto:",
            "pl": f"W dniu {d.day:02}.{d.month:02}.{d.year} o {t}, {name} pisze:",
            "nb": f"Den {d.day:02}.{d.month:02}.{d.year} {t}, skrev {name}:"}[lang]


def outlook_header_block(lang, sent, name, addr, to, subject):
    labels = {"en": ("From", "Sent", "To", "Subject"), "it": ("Da", "Inviato", "A", "Oggetto"),
              "pl": ("Od", "Wysłano", "Do", "Temat"), "nb": ("Fra", "Sendt", "Til", "Emne")}[lang]
    date = {"en": f"{WEEKDAYS['en'][sent.weekday()]}, {sent.day} {MONTHS['en']} {sent.year} {sent:%H:%M}",
            "it": f"{WEEKDAYS['it'][sent.weekday()]} {sent.day} {MONTHS['it']} {sent.year} {sent:%H:%M}",
            "pl": f"{WEEKDAYS['pl'][sent.weekday()]}, {sent.day} {MONTHS['pl']} {sent.year} {sent:%H:%M}",
            "nb": f"{WEEKDAYS['nb'][sent.weekday()]} {sent.day}. {MONTHS['nb']} {sent.year} {sent:%H:%M}"}[lang]
    return [f"{labels[0]}: {name} <{addr}>", f"{labels[1]}: {date}", f"{labels[2]}: {to}", f"{labels[3]}: {subject}"]


MOBILE = {("apple-ios", "en"): "Sent from my iPhone", ("apple-ios", "it"): "Inviato da iPhone",
          ("apple-ios", "pl"): "Wysłane z iPhone'a", ("apple-ios", "nb"): "Sendt fra min iPhone",
          ("outlook-ios", "en"): "Get Outlook for iOS<https://aka.ms/o0ukef>", ("outlook-ios", "it"): "Scarica Outlook per iOS<https://aka.ms/o0ukef>",
          ("outlook-ios", "pl"): "Pobierz aplikację Outlook dla systemu iOS<https://aka.ms/o0ukef>", ("outlook-ios", "nb"): "Hent Outlook for iOS<https://aka.ms/o0ukef>",
          ("android", "en"): "Sent from my Galaxy", ("android", "it"): "Inviato dal mio smartphone Samsung Galaxy.",
          ("android", "pl"): "Wysłane z mojego smartfona Galaxy", ("android", "nb"): "Sendt fra min Galaxy"}


def png(width, height, seed):
    """A small flat PNG (a logo or an icon)."""
    r = rnd(seed)
    colour = bytes([r.randint(0, 255), r.randint(0, 255), r.randint(0, 255)])
    raw = b"".join(b"\x00" + colour * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def boundary(client, r, n):
    hexes = "".join(r.choice("0123456789abcdef") for _ in range(12))
    if client.startswith("outlook"):
        return f"_00{n}_{hexes.upper()}{r.randint(1000, 9999)}EURPRD0{r.randint(1, 9)}PROD_"
    if client == "gmail":
        return f"0000000000{hexes}"
    if client.startswith("apple"):
        u = "".join(r.choice("0123456789ABCDEF") for _ in range(32))
        return f"Apple-Mail-{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:]}"
    return "------------" + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(24))


def text_to_html(client, words, tail_lines, quoted_html):
    paras = "".join(f"<p class=MsoNormal>{html.escape(l) or '&nbsp;'}</p>" if client.startswith("outlook") else f"<div>{html.escape(l) or '<br>'}</div>"
                    for l in words.split("\n"))
    tail = "".join(f"<div>{html.escape(l)}</div>" for l in tail_lines)
    if client.startswith("outlook"):
        return f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style>p.MsoNormal{{margin:0cm;font-size:11.0pt;font-family:\"Calibri\",sans-serif}}</style></head><body lang=EN-GB><div class=WordSection1>{paras}{tail}{quoted_html}</div></body></html>"
    if client == "gmail":
        return f"<div dir=\"ltr\">{paras}{tail}</div>{quoted_html}"
    return f"<html><head></head><body>{paras}{tail}{quoted_html}</body></html>"


def build(case, index):
    """Returns (bytes of the .eml, manifest entry)."""
    lang, client = case["lang"], case["client"]
    r = rnd(case["name"])
    addr, name = case["from"]
    domain = addr.split("@")[1]
    sent = when(index)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"{name} <{addr}>" if name else addr
    msg["To"] = case.get("to", f"{CARE[lang] if lang != 'en' else OURS[0]} <{OURS[1]}>")
    if case.get("cc"):
        msg["Cc"] = case["cc"]
    msg["Subject"] = case["subject"]
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = case.get("message_id") or message_id(client, r, "gmail.com" if client == "gmail" else domain)
    for k, v in case.get("headers", []):
        msg[k] = v
    if client.startswith("outlook"):
        msg["Thread-Topic"] = case["subject"].split(":", 1)[-1].strip()
        msg["Thread-Index"] = "AQH" + base64.b64encode(bytes(r.getrandbits(8) for _ in range(18))).decode()
        msg["Accept-Language"] = {"en": "en-GB, en-US", "it": "it-IT, en-US", "pl": "pl-PL, en-US", "nb": "nb-NO, en-US"}[lang]
        msg["X-MS-Has-Attach"] = "yes" if case.get("logo") or case.get("photos") else ""
        msg["X-MS-TNEF-Correlator"] = ""
        if client == "outlook":
            msg["X-Mailer"] = "Microsoft Outlook 16.0"
    elif client.startswith("apple"):
        msg["X-Mailer"] = "iPhone Mail (22B91)" if client == "apple-ios" else "Apple Mail (2.3826.300.87.4)"
    elif client == "thunderbird":
        msg["User-Agent"] = "Mozilla Thunderbird"
    if case.get("in_reply_to"):
        msg["In-Reply-To"] = case["in_reply_to"]
        msg["References"] = case.get("references", case["in_reply_to"])

    words = case["body"].strip("\n")
    tail = []
    mobile = MOBILE.get((client, lang)) if case.get("mobile", client in ("apple-ios", "outlook-ios", "android")) else None
    if case.get("signature"):
        sig = case["signature"]
        tail += (["", "-- "] if client == "thunderbird" else [""]) + sig.split("\n")
    if case.get("footer"):
        tail += ["", case["footer"]]
    if mobile:
        tail += ["", mobile]

    quoted_text, quoted_html = [], ""
    quote = case.get("quote")
    if quote:
        qname, qaddr, qsubject, qbody = quote
        qsent = sent - timedelta(days=2, hours=3)
        if client.startswith("outlook"):
            block = outlook_header_block(lang, qsent, qname, qaddr, f"{name} <{addr}>", qsubject)
            sep = ["-----Original Message-----"] if case.get("original_message") else ["________________________________"]
            quoted_text = [""] + sep + block + [""] + qbody.split("\n")
            quoted_html = ("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=MsoNormal>"
                           + "<br>".join(f"<b>{html.escape(b.split(':', 1)[0])}:</b>{html.escape(b.split(':', 1)[1])}" for b in block)
                           + "</p></div>" + "".join(f"<p class=MsoNormal>{html.escape(l)}</p>" for l in qbody.split("\n")))
        else:
            attr = attribution(client, lang, qsent, qname, qaddr, wrap=case.get("wrap", client == "gmail"))
            body_q = [("> " + l) if l else ">" for l in qbody.split("\n")]
            if client == "apple-ios":
                quoted_text = [""] + ["> " + a for a in attr.split("\n")] + [">"] + body_q
            else:
                quoted_text = [""] + attr.split("\n") + [""] + body_q
            quoted_html = (f"<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{html.escape(attr)}<br></div>"
                           f"<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">"
                           + "".join(f"<div>{html.escape(l)}</div>" for l in qbody.split("\n")) + "</blockquote></div>")

    # Outlook and Apple put the mobile footer above the quote; Thunderbird's signature sits above it too.
    plain = "\n".join([words] + tail + quoted_text) + "\n"
    charset = case.get("charset", "utf-8")
    html_body = text_to_html(client, words, tail, quoted_html) if case.get("html", client != "thunderbird") else None

    if case.get("html_only"):
        msg.set_content(text_to_html(client, words, tail, quoted_html), subtype="html", charset=charset)
    elif client == "thunderbird" and not case.get("html"):
        msg.set_content(plain, charset=charset, cte="8bit" if charset == "utf-8" else "quoted-printable")
        msg.replace_header("Content-Type", msg["Content-Type"] + "; format=flowed")
    else:
        msg.set_content(plain, charset=charset, cte="quoted-printable")
        if html_body:
            msg.add_alternative(html_body, subtype="html", charset=charset, cte="quoted-printable")
    if case.get("logo"):
        # Outlook's signature logo and icons: inline parts referenced by cid from the HTML.
        html_part = msg.get_payload()[1] if msg.is_multipart() else msg
        for i, (w, h) in enumerate(case["logo"], start=1):
            cid = f"image00{i}.png@01DB4F2A.{r.randint(10000000, 99999999):08X}"
            html_part.add_related(png(w, h, case["name"] + str(i)), maintype="image", subtype="png", cid=f"<{cid}>", filename=f"image00{i}.png", disposition="inline")
            body = html_part.get_payload()[0] if html_part.is_multipart() else html_part
            content = body.get_content().replace("</div></body>", f"<img width={w} height={h} src=\"cid:{cid}\"></div></body>")
            body.set_content(content, subtype="html", charset=charset, cte="quoted-printable")
    for fname, w, h in case.get("photos", []):
        msg.add_attachment(png(w, h, case["name"] + fname), maintype="image", subtype="png", filename=fname)

    # set_content drops Content-* headers set before it.
    if client.startswith("outlook") or client == "thunderbird":
        msg["Content-Language"] = {"en": "en-GB", "it": "it-IT", "pl": "pl-PL", "nb": "nb-NO"}[lang]
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(boundary(client, r, n))

    entry = {k: case[k] for k in ("name", "set", "lang", "client", "outcome", "category", "responsibility") if k in case}
    entry["customer"] = case.get("customer", addr)
    entry["mode"] = case.get("mode", "raw" if index % 2 else "parsed")
    entry["photos"] = len(case.get("photos", []))
    for k in ("seed", "after", "note"):
        if k in case:
            entry[k] = case[k]
    return msg.as_bytes(policy=SMTP), entry
