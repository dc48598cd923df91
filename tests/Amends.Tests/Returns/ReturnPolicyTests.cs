using Amends.Incidents;
using Amends.Returns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Amends.Tests.Returns;

/// <summary>The return policy's arithmetic: the restocking fee, who pays the return shipping, and what the customer gets back.</summary>
public sealed class ReturnPolicyTests
{
    private static readonly DateTimeOffset Delivered = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    // Different fees for the two cases, so a test can tell which one applied.
    private static readonly ReturnPolicy Policy = new() { ChangedMindFeePercent = 15, WrongItemFeePercent = 12.5m };

    public static TheoryData<IncidentCategory, Responsibility, decimal, decimal, ReturnQuote> Cases => new()
    {
        // Changed their mind: the fee always; the shipping when the customer is held responsible.
        { IncidentCategory.ChangedMind, Responsibility.Customer, 100.00m, 5.90m, new(15.00m, 5.90m, 79.10m) },
        { IncidentCategory.ChangedMind, Responsibility.Unknown, 100.00m, 5.90m, new(15.00m, 0m, 85.00m) },
        { IncidentCategory.ChangedMind, Responsibility.Store, 100.00m, 5.90m, new(15.00m, 0m, 85.00m) },

        // Wrong item: a fee only when the customer ordered it; our picking mistake costs them nothing.
        { IncidentCategory.WrongItem, Responsibility.Customer, 80.00m, 4.99m, new(10.00m, 4.99m, 65.01m) },
        { IncidentCategory.WrongItem, Responsibility.Store, 80.00m, 4.99m, new(0m, 0m, 80.00m) },
        { IncidentCategory.WrongItem, Responsibility.Carrier, 80.00m, 4.99m, new(0m, 0m, 80.00m) },
        { IncidentCategory.WrongItem, Responsibility.Unknown, 80.00m, 4.99m, new(0m, 0m, 80.00m) },

        // Our fault or the carrier's: no fee, no shipping, the full price back.
        { IncidentCategory.Defective, Responsibility.Store, 49.99m, 6.00m, new(0m, 0m, 49.99m) },
        { IncidentCategory.DamagedInTransit, Responsibility.Carrier, 49.99m, 6.00m, new(0m, 0m, 49.99m) },
        { IncidentCategory.NotAsDescribed, Responsibility.Store, 49.99m, 6.00m, new(0m, 0m, 49.99m) },
        { IncidentCategory.MissingPart, Responsibility.Store, 49.99m, 6.00m, new(0m, 0m, 49.99m) },
        { IncidentCategory.NotDelivered, Responsibility.Carrier, 49.99m, 6.00m, new(0m, 0m, 49.99m) },
        { IncidentCategory.Unknown, Responsibility.Unknown, 49.99m, 6.00m, new(0m, 0m, 49.99m) },

        // Broken by the customer: no restocking fee, but they pay the way back.
        { IncidentCategory.Defective, Responsibility.Customer, 30.00m, 5.00m, new(0m, 5.00m, 25.00m) },

        // Cents: 15% of 19.99 is 2.9985 → 3.00; 15% of 0.10 is 0.015 → 0.02 (half away from zero); inputs are rounded too.
        { IncidentCategory.ChangedMind, Responsibility.Unknown, 19.99m, 0m, new(3.00m, 0m, 16.99m) },
        { IncidentCategory.ChangedMind, Responsibility.Unknown, 0.10m, 0m, new(0.02m, 0m, 0.08m) },
        { IncidentCategory.ChangedMind, Responsibility.Customer, 10.005m, 1.234m, new(1.50m, 1.23m, 7.28m) },
        { IncidentCategory.WrongItem, Responsibility.Customer, 0.04m, 0m, new(0.01m, 0m, 0.03m) },

        // Never negative: shipping dearer than what is left stops the refund at 0; a free item costs nothing.
        { IncidentCategory.ChangedMind, Responsibility.Customer, 3.00m, 5.90m, new(0.45m, 5.90m, 0m) },
        { IncidentCategory.ChangedMind, Responsibility.Customer, 0m, 5.90m, new(0m, 5.90m, 0m) },
        { IncidentCategory.ChangedMind, Responsibility.Store, 0m, 5.90m, new(0m, 0m, 0m) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quotes_the_fee_the_shipping_and_the_refund(
        IncidentCategory category, Responsibility responsibility, decimal itemPrice, decimal returnShipping, ReturnQuote expected)
    {
        var quote = Policy.Quote(Incident(category, responsibility), itemPrice, returnShipping);

        Assert.Equal(expected, quote);
        Assert.All([quote.RestockingFee, quote.ShippingPaidByCustomer, quote.Refund], amount =>
        {
            Assert.True(amount >= 0);
            Assert.Equal(decimal.Round(amount, 2), amount);
        });
    }

    [Theory]
    [InlineData(0, 80.00)]
    [InlineData(100, 0)]
    public void A_fee_of_0_or_100_percent_takes_nothing_or_everything(int percent, double refund)
    {
        var policy = new ReturnPolicy { ChangedMindFeePercent = percent };

        var quote = policy.Quote(Incident(IncidentCategory.ChangedMind, Responsibility.Store), 80.00m, 4.99m);

        Assert.Equal(new ReturnQuote(80.00m - (decimal)refund, 0m, (decimal)refund), quote);
    }

    [Fact]
    public void The_store_can_make_customers_pay_the_shipping_when_the_carrier_was_at_fault()
    {
        var policy = new ReturnPolicy();
        policy.ReturnShippingPaidBy[Responsibility.Carrier] = ReturnShippingPayer.Customer;

        Assert.Equal(new ReturnQuote(0m, 4.99m, 75.01m), policy.Quote(Incident(IncidentCategory.DamagedInTransit, Responsibility.Carrier), 80.00m, 4.99m));
    }

    [Theory]
    [InlineData(-0.01, 0)]
    [InlineData(10, -0.01)]
    public void Refuses_a_negative_price_or_shipping_cost(double itemPrice, double returnShipping) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.Quote(Incident(IncidentCategory.ChangedMind, Responsibility.Customer), (decimal)itemPrice, (decimal)returnShipping));

    [Fact]
    public void Takes_items_back_until_the_last_day_of_the_window()
    {
        var policy = new ReturnPolicy { ReturnWindowDays = 14 };

        Assert.True(policy.TakesBack(Delivered, Delivered.AddDays(14)));
        Assert.False(policy.TakesBack(Delivered, Delivered.AddDays(14).AddSeconds(1)));
    }

    [Fact]
    public void Is_bound_from_configuration()
    {
        var policy = Bind(new()
        {
            ["Amends:ReturnPolicy:ReturnWindowDays"] = "60",
            ["Amends:ReturnPolicy:ChangedMindFeePercent"] = "20",
            ["Amends:ReturnPolicy:WrongItemFeePercent"] = "5",
            ["Amends:ReturnPolicy:ReturnShippingPaidBy:Carrier"] = "Customer",
        }).Value;

        Assert.Equal((60, 20m, 5m), (policy.ReturnWindowDays, policy.ChangedMindFeePercent, policy.WrongItemFeePercent));
        Assert.Equal(ReturnShippingPayer.Customer, policy.ReturnShippingPaidBy[Responsibility.Carrier]);
        Assert.Equal(ReturnShippingPayer.Store, policy.ReturnShippingPaidBy[Responsibility.Store]);
    }

    [Theory]
    [InlineData("Amends:ReturnPolicy:ChangedMindFeePercent", "150")]
    [InlineData("Amends:ReturnPolicy:WrongItemFeePercent", "-1")]
    [InlineData("Amends:ReturnPolicy:ReturnWindowDays", "0")]
    public void Refuses_a_policy_out_of_range(string key, string value) =>
        Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }).Value);

    private static IOptions<ReturnPolicy> Bind(Dictionary<string, string?> settings)
    {
        settings["Amends:Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAmends(configuration).BuildServiceProvider().GetRequiredService<IOptions<ReturnPolicy>>();
    }

    private static Incident Incident(IncidentCategory category, Responsibility responsibility) =>
        IncidentBuilder.Reported(Delivered) with { Category = category, Responsibility = responsibility };
}
