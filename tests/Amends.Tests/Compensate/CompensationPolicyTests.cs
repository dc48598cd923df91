using Amends.Compensate;
using Amends.Incidents;

namespace Amends.Tests.Compensate;

public sealed class CompensationPolicyTests
{
    private static readonly DateTimeOffset Reported = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Responsibility.Store, 3, 10)]
    [InlineData(Responsibility.Carrier, 3, 10)]
    [InlineData(Responsibility.Store, 15, 20)]
    [InlineData(Responsibility.Carrier, 15, 20)]
    [InlineData(Responsibility.Customer, 3, 0)]
    [InlineData(Responsibility.Customer, 30, 0)]
    [InlineData(Responsibility.Unknown, 3, 0)]
    public void Discount_depends_on_who_was_at_fault_and_how_long_it_took(Responsibility responsibility, int days, int expected)
    {
        var policy = new CompensationPolicy();
        var incident = IncidentBuilder.Reported(Reported) with { Responsibility = responsibility };

        Assert.Equal(expected, policy.DiscountFor(incident, Reported.AddDays(days)));
    }
}
