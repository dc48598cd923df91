using Amends.Email;
using Amends.Inbound;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Inbound;

/// <summary>The language of the customer's own words, by Lingua among the four we answer in.</summary>
public sealed class WrittenLanguageTests
{
    private static WrittenLanguage Store(string language) => new(Options.Create(new EmailOptions { DefaultLanguage = language }));

    [Theory]
    [InlineData("Hei, pakken kom aldri. Hva gjør jeg nå?", "nb")]
    [InlineData("Takk for svar, jeg venter på pakken.", "nb")]
    [InlineData("Il bollitore perde acqua dal fondo, cosa posso fare?", "it")]
    [InlineData("Czajnik przestał działać, co mam zrobić?", "pl")]
    [InlineData("The kettle stopped working after a week, what can I do?", "en")]
    [InlineData("Czajnik przestal dzialac, co mam zrobic?", "pl")]
    public void Tells_the_language_of_short_mails(string words, string language)
    {
        Assert.Equal(language, Store("it").Of(words));
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
