using Azure;

namespace Amends.Storage;

/// <summary>A value read from storage together with the ETag that guards its next update.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">What was read.</param>
/// <param name="ETag">The version it was read at.</param>
public sealed record Stored<T>(T Value, ETag ETag);
