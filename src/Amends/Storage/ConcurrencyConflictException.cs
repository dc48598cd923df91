namespace Amends.Storage;

/// <summary>Someone else changed the entity since it was read (its ETag no longer matches).</summary>
public sealed class ConcurrencyConflictException(string message, Exception inner) : Exception(message, inner);
