using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Amends.Browser.Tests;

/// <summary>axe-core's WCAG 2.1 A and AA rules, run in the page as it is now.</summary>
internal static class Axe
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Fails with every violation found on <paramref name="page"/>.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe(Wcag);
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}");
        Assert.True(result.Violations.Length == 0, $"{name}: {string.Join("\n", violations)}");
    }
}
