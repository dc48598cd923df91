using System.ComponentModel.DataAnnotations;
using Amends.Compensate;
using Amends.Incidents;
using Microsoft.Extensions.Configuration;

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

    [Theory]
    [InlineData(Responsibility.Store, 2, 10)]
    [InlineData(Responsibility.Store, 14, 10)]
    [InlineData(Responsibility.Store, 20, 25)]
    public void Flat_settings_still_shape_the_default_rules(Responsibility responsibility, int days, int expected)
    {
        var policy = Bind(new()
        {
            ["Amends:Compensation:DiscountPercent"] = "10",
            ["Amends:Compensation:LongIncidentDiscountPercent"] = "25",
            ["Amends:Compensation:LongIncidentAfter"] = "14.00:00:00",
        });

        Assert.Equal(expected, policy.DiscountFor(IncidentBuilder.Reported(Reported) with { Responsibility = responsibility }, Reported.AddDays(days)));
    }

    /// <summary>A store's own policy, in configuration: the rule table the tests below read.</summary>
    private static CompensationPolicy Configured() => Bind(new()
    {
        ["Amends:Compensation:Gifts:0:Name"] = "Tea towel",
        ["Amends:Compensation:Gifts:0:Cost"] = "3.20",
        ["Amends:Compensation:Rules:0:Responsibility"] = "Carrier",
        ["Amends:Compensation:Rules:0:Categories:0"] = "NotDelivered",
        ["Amends:Compensation:Rules:0:Outcome"] = "RefundedShipping",
        ["Amends:Compensation:Rules:0:ShippingRefund"] = "6.90",
        ["Amends:Compensation:Rules:1:Responsibility"] = "Store",
        ["Amends:Compensation:Rules:1:LongerThan"] = "14.00:00:00",
        ["Amends:Compensation:Rules:1:Outcome"] = "Discount",
        ["Amends:Compensation:Rules:1:DiscountPercent"] = "20",
        ["Amends:Compensation:Rules:1:DiscountValidity"] = "180.00:00:00",
        ["Amends:Compensation:Rules:2:Responsibility"] = "Store",
        ["Amends:Compensation:Rules:2:LongerThan"] = "7.00:00:00",
        ["Amends:Compensation:Rules:2:Outcome"] = "Gift",
        ["Amends:Compensation:Rules:2:Gift"] = "Tea towel",
        ["Amends:Compensation:Rules:3:Responsibility"] = "Store",
        ["Amends:Compensation:Rules:3:Outcome"] = "Discount",
        ["Amends:Compensation:Rules:3:DiscountPercent"] = "10",
        ["Amends:Compensation:Rules:4:Responsibility"] = "Carrier",
        ["Amends:Compensation:Rules:4:Outcome"] = "Discount",
        ["Amends:Compensation:Rules:4:DiscountPercent"] = "5",
        ["Amends:Compensation:Rules:5:Responsibility"] = "Customer",
        ["Amends:Compensation:Rules:5:Outcome"] = "None",
    });

    [Theory]
    [InlineData(Responsibility.Carrier, IncidentCategory.NotDelivered, 3, CompensationKind.RefundedShipping, "6.90")]
    [InlineData(Responsibility.Carrier, IncidentCategory.NotDelivered, 30, CompensationKind.RefundedShipping, "6.90")]
    [InlineData(Responsibility.Carrier, IncidentCategory.DamagedInTransit, 3, CompensationKind.Discount, "5")]
    [InlineData(Responsibility.Store, IncidentCategory.Defective, 20, CompensationKind.Discount, "20")]
    [InlineData(Responsibility.Store, IncidentCategory.Defective, 10, CompensationKind.Gift, "Tea towel")]
    [InlineData(Responsibility.Store, IncidentCategory.MissingPart, 7, CompensationKind.Discount, "10")]
    [InlineData(Responsibility.Store, IncidentCategory.WrongItem, 2, CompensationKind.Discount, "10")]
    [InlineData(Responsibility.Customer, IncidentCategory.ChangedMind, 30, CompensationKind.None, "")]
    [InlineData(Responsibility.Unknown, IncidentCategory.Unknown, 30, CompensationKind.None, "")]
    public void The_first_matching_rule_decides(
        Responsibility responsibility, IncidentCategory category, int days, CompensationKind expected, string detail)
    {
        var policy = Configured();
        var incident = IncidentBuilder.Reported(Reported) with { Responsibility = responsibility, Category = category };

        var rule = policy.RuleFor(incident, Reported.AddDays(days));

        Assert.Equal(expected, rule?.Outcome ?? CompensationKind.None);
        var actual = expected switch
        {
            CompensationKind.RefundedShipping => rule!.ShippingRefund.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            CompensationKind.Discount => rule!.DiscountPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CompensationKind.Gift => rule!.Gift,
            _ => "",
        };
        Assert.Equal(detail, actual);
    }

    [Fact]
    public void A_rule_may_set_its_own_code_validity()
    {
        var rule = Configured().RuleFor(IncidentBuilder.Reported(Reported) with { Responsibility = Responsibility.Store }, Reported.AddDays(20));

        Assert.Equal(TimeSpan.FromDays(180), rule!.DiscountValidity);
    }

    [Fact]
    public void Configured_rules_are_valid() => Assert.Empty(Validate(Configured()));

    [Theory]
    [InlineData("Discount", "DiscountPercent", "0", "DiscountPercent")]
    [InlineData("RefundedShipping", "ShippingRefund", "0", "ShippingRefund")]
    [InlineData("Gift", "Gift", "Golden kettle", "not in Gifts")]
    public void A_rule_without_what_its_outcome_needs_fails_at_start_up(string outcome, string key, string value, string message)
    {
        var policy = Bind(new()
        {
            ["Amends:Compensation:Rules:0:Responsibility"] = "Store",
            ["Amends:Compensation:Rules:0:Outcome"] = outcome,
            [$"Amends:Compensation:Rules:0:{key}"] = value,
        });

        Assert.Contains(Validate(policy), r => r.ErrorMessage!.Contains(message, StringComparison.Ordinal));
    }

    private static CompensationPolicy Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(CompensationPolicy.Section).Get<CompensationPolicy>()!;

    private static List<ValidationResult> Validate(CompensationPolicy policy)
    {
        List<ValidationResult> results = [];
        Validator.TryValidateObject(policy, new ValidationContext(policy), results, validateAllProperties: true);
        return results;
    }
}
