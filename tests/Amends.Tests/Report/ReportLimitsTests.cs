using Amends.ReportProblem;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Amends.Tests.ReportProblem;

/// <summary>Reports per client address and per email are counted in a window; over the limit, the answer says how long to wait.</summary>
public sealed class ReportLimitsTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_address_over_its_limit_waits_for_the_rest_of_the_window()
    {
        var limits = new ReportLimits(Options.Create(new ReportPageOptions { PerAddressLimit = 2, LimitWindow = TimeSpan.FromHours(1) }), clock);

        Assert.Null(limits.TakeForAddress("203.0.113.7"));
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Null(limits.TakeForAddress("203.0.113.7"));
        Assert.Equal(TimeSpan.FromMinutes(40), limits.TakeForAddress("203.0.113.7"));
        Assert.Null(limits.TakeForAddress("198.51.100.1"));

        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Null(limits.TakeForAddress("203.0.113.7"));
    }

    [Fact]
    public void An_email_is_counted_whatever_its_case()
    {
        var limits = new ReportLimits(Options.Create(new ReportPageOptions { PerEmailLimit = 1 }), clock);

        Assert.Null(limits.TakeForEmail("anna@example.com"));
        Assert.NotNull(limits.TakeForEmail(" Anna@Example.COM"));
        Assert.Null(limits.TakeForAddress("anna@example.com"));
    }
}
