using Amends.Email;
using Amends.Inbound;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Inbound;

/// <summary>The language of the customer's own words, by Lingua among those we answer in (a folder each).</summary>
public sealed class WrittenLanguageTests
{
    private static WrittenLanguage Store(string language) => new(Options.Create(new EmailOptions { DefaultLanguage = language }), Options.Create(new ClassifierOptions()));

    [Theory]
    [InlineData("Hei, pakken kom aldri. Hva gjør jeg nå?", "nb")]
    [InlineData("Takk for svar, jeg venter på pakken.", "nb")]
    [InlineData("Il bollitore perde acqua dal fondo, cosa posso fare?", "it")]
    [InlineData("Czajnik przestał działać, co mam zrobić?", "pl")]
    [InlineData("The kettle stopped working after a week, what can I do?", "en")]
    [InlineData("Czajnik przestal dzialac, co mam zrobic?", "pl")]
    [InlineData("Der Wasserkocher ist nach einer Woche kaputt, was kann ich tun?", "de")]
    [InlineData("Das Paket ist nie angekommen. Wo bleibt es?", "de")]
    [InlineData("Takk, jeg venter fortsatt på pakken min.", "nb")]
    public void Tells_the_language_of_short_mails(string words, string language)
    {
        Assert.Equal(language, Store("it").Of(words));
    }

    [Fact]
    public void An_Italian_mail_under_an_English_footer_is_Italian()
    {
        const string Mail = "Buongiorno,\nil bollitore perde acqua dalla base.\n\nCordiali saluti\nMarco Bianchi\n\n"
            + "This email and any attachments are confidential and intended solely for the use of the individual to whom it is addressed. "
            + "If you have received this email in error please notify the sender and delete it. Any unauthorised disclosure is prohibited.";

        Assert.Equal("it", Store("en").Of(QuotedReply.Strip(Mail)));
    }

    [Fact]
    public void All_the_models_tell_the_same_languages()
    {
        var precise = new WrittenLanguage(Options.Create(new EmailOptions()), Options.Create(new ClassifierOptions { AllLanguageModels = true }));

        Assert.Equal(["nb", "it", "pl", "en", "de"], new[] { "Hei, pakken kom aldri.", "Il pacco non è arrivato.", "Paczka nie dotarła.", "The parcel never came.", "Das Paket kam nie an." }.Select(precise.Of));
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("👍")]
    [InlineData("AMD-7K3M9Q2X")]
    [InlineData("")]
    public void Too_little_to_tell_is_the_store_default_never_a_guess(string words)
    {
        Assert.Equal("pl", Store("pl").Of(words));
        Assert.Equal("nb", Store("nb").Of(words));
    }
}
