using System.Security.Cryptography;

namespace Amends.Incidents;

/// <summary>Incident numbers as customers see them: <c>AMD-</c> and eight unambiguous characters.</summary>
public static class IncidentNumber
{
    /// <summary>The prefix every incident number starts with; also the subject tag's.</summary>
    public const string Prefix = "AMD-";

    // Crockford's base32 without I, L, O, U: nothing a customer can misread on the phone.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new random number; 40 random bits, so collisions are rare and checked on insert.</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Prefix + new string(chars);
    }

    /// <summary>Whether <paramref name="value"/> has the shape of an incident number.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: 12 } && value.StartsWith(Prefix, StringComparison.Ordinal) &&
        value.AsSpan(Prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
