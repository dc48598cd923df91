using Amends.Erasure;

namespace Amends.Tests.Erasure;

/// <summary>The customer's address must be exactly one mailbox, and someone must answer for the erasure.</summary>
public sealed class ErasureRequestTests
{
    [Theory]
    [InlineData("giulia@example.it", "giulia@example.it")]
    [InlineData("  Giulia.Rossi@Example.IT ", "Giulia.Rossi@Example.IT")]
    public void One_mailbox_is_taken_as_its_address(string email, string address)
    {
        var request = new ErasureRequest(email, "Anna");

        Assert.Empty(request.Validate());
        Assert.Equal(address, request.Address());
    }

    [Theory]
    [InlineData("a@example.com, b@evil.example")]
    [InlineData("Giulia Rossi <giulia@example.it>")]
    [InlineData("a@example.com; b@evil.example")]
    [InlineData("friends: a@example.com, b@example.com;")]
    [InlineData("not an address")]
    [InlineData("@example.com")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_one_mailbox_is_refused_naming_the_field(string? email)
    {
        var errors = new ErasureRequest(email, "Anna").Validate();

        Assert.Equal(["customerEmail"], errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Who_erases_is_required(string? requestedBy)
    {
        Assert.Equal(["requestedBy"], new ErasureRequest("giulia@example.it", requestedBy).Validate().Keys);
    }
}
