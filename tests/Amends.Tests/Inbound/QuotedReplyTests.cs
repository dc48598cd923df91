using Amends.Inbound;

namespace Amends.Tests.Inbound;

/// <summary>
/// The customer's own words, without the history, signature and footers their mail program added.
/// The shapes are those Outlook, Gmail, Apple Mail and Thunderbird write, in the four languages.
/// </summary>
public sealed class QuotedReplyTests
{
    public static TheoryData<string, string> Replies => new()
    {
        // Outlook desktop, plain text.
        { "The new handle fits, thank you.\n\n-----Original Message-----\nFrom: Customer care <incidents@shop.example>\nSent: Monday, November 30, 2026 10:12 AM\nTo: Jane <jane@example.com>\nSubject: Your report [AMD-7K3M9Q2X]\n\nWe are sorry...", "The new handle fits, thank you." },

        // Outlook web and mobile: the underscore separator, Italian header block.
        { "Grazie, aspetto il pezzo.\n\n________________________________\nDa: Assistenza clienti <incidents@shop.example>\nInviato: lunedì 30 novembre 2026 10:12\nA: Giulia Rossi <giulia@example.it>\nOggetto: La sua segnalazione [AMD-7K3M9Q2X]\n\nCi dispiace...", "Grazie, aspetto il pezzo." },

        // Outlook in Polish, without the separator (HTML converted to text).
        { "Dziękuję, czekam na kuriera.\n\nOd: Obsługa klienta <incidents@shop.example>\nWysłano: poniedziałek, 30 listopada 2026 10:12\nDo: Jan Kowalski <jan@example.pl>\nTemat: Zgłoszenie [AMD-7K3M9Q2X]\n\nPrzykro nam...", "Dziękuję, czekam na kuriera." },

        // Outlook in Norwegian, "Sent from Outlook for iOS" above it.
        { "Takk, det passer fint.\n\nHent Outlook for iOS\n________________________________\nFra: Kundeservice <incidents@shop.example>\nSendt: mandag 30. november 2026 10:12\nTil: Ola <ola@example.no>\nEmne: Saken din [AMD-7K3M9Q2X]\n\nVi beklager...", "Takk, det passer fint." },

        // Gmail, attribution wrapped over two lines.
        { "Here are the photos you asked for.\n\nOn Mon, 30 Nov 2026 at 10:12, Customer care <\nincidents@shop.example> wrote:\n\n> We are sorry to hear...\n> Customer care", "Here are the photos you asked for." },

        // Gmail in Italian, Polish and Norwegian.
        { "Va bene, grazie.\n\nIl giorno lun 30 nov 2026 alle ore 10:12 Assistenza clienti <incidents@shop.example> ha scritto:\n\n> Ci dispiace...", "Va bene, grazie." },
        { "Zdjęcia w załączniku.\n\npon., 30 lis 2026 o 10:12 Obsługa klienta <incidents@shop.example>\nnapisał(a):\n\n> Przykro nam...", "Zdjęcia w załączniku." },
        { "Her er bildene.\n\nman. 30. nov. 2026 kl. 10:12 skrev Kundeservice <incidents@shop.example>:\n\n> Vi beklager...", "Her er bildene." },

        // Apple Mail on iOS: its footer, then the attribution itself quoted.
        { "Perfect, thanks!\n\nSent from my iPhone\n\n> On 30 Nov 2026, at 10:12, Customer care <incidents@shop.example> wrote:\n>\n> We are sorry...", "Perfect, thanks!" },
        { "Perfetto.\n\nInviato da iPhone\n\n> Il giorno 30 nov 2026, alle ore 10:12, Assistenza clienti <incidents@shop.example> ha scritto:\n>\n> Ci dispiace...", "Perfetto." },
        { "Super, dzięki.\n\nWysłane z iPhone'a\n\n> Wiadomość napisana przez Obsługa klienta <incidents@shop.example> w dniu 30.11.2026, o godz. 10:12:\n>\n> Przykro nam...", "Super, dzięki." },
        { "Flott.\n\nSendt fra min iPhone\n\n> 30. nov. 2026 kl. 10:12 skrev Kundeservice <incidents@shop.example>:\n>\n> Vi beklager...", "Flott." },

        // Thunderbird, in Polish and English.
        { "Dobrze, dziękuję.\n\nW dniu 30.11.2026 o 10:12, Obsługa klienta pisze:\n> Przykro nam...", "Dobrze, dziękuję." },
        { "Fine by me.\n\nOn 30/11/2026 10:12, Customer care wrote:\n> We are sorry...", "Fine by me." },

        // The "-- " signature delimiter, and a valediction followed by a signature block.
        { "The lid is still missing.\n\n-- \nJane Doe\nAcme Ltd | +44 20 7946 0000", "The lid is still missing." },
        { "Il coperchio manca ancora.\n\nCordiali saluti,\nGiulia Rossi\nStudio Rossi\nTel. 02 1234567\nwww.studiorossi.it", "Il coperchio manca ancora.\n\nCordiali saluti," },

        // An English confidentiality footer under an Italian mail.
        { "Il bollitore perde acqua dal fondo.\n\nSaluti\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. If you are not the intended recipient, please delete it.", "Il bollitore perde acqua dal fondo.\n\nSaluti" },
        { "Paczka nie dotarła.\n\nTa wiadomość jest poufna i przeznaczona wyłącznie dla adresata. Jeśli nie jesteś adresatem, usuń ją.", "Paczka nie dotarła." },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Keeps_only_the_customers_own_words(string mail, string words)
    {
        Assert.Equal(words, QuotedReply.Strip(mail));
    }

    [Fact]
    public void Interleaved_answers_keep_the_customers_lines()
    {
        const string Mail = "> Could you send a photo of the label?\nHere it is, attached.\n> Which colour did you order?\nBlue.";

        Assert.Equal("Here it is, attached.\nBlue.", QuotedReply.Strip(Mail));
    }

    [Theory]
    [InlineData("Here is what happened:\nthe lid cracked when I opened it.")]
    [InlineData("From: the box alone you can see it was dropped.\nThe kettle is dented.")]
    [InlineData("Thanks for the quick answer, I will wait for the courier on Monday and send photos then.")]
    [InlineData("Hi,\n\nThanks\nThe lid is missing from the box.")]
    [InlineData("Grazie\nIl coperchio non c'era nella scatola.")]
    public void Leaves_ordinary_lines_alone(string mail)
    {
        Assert.Equal(mail, QuotedReply.Strip(mail));
    }

    [Fact]
    public void A_mail_with_only_a_quote_has_no_words_of_its_own()
    {
        Assert.Equal("", QuotedReply.Strip("On Mon, 30 Nov 2026 at 10:12, Customer care <incidents@shop.example> wrote:\n> We are sorry..."));
    }
}
