// Writes a year of sample store history into the cost ledger, the cost reports and the response-times
// report of a storage account.
//
//   dotnet run --project samples/Amends.Samples -- [incidents] [seed]
//
// Storage: Amends__Storage__ConnectionString (default: Azurite, UseDevelopmentStorage=true) and
// Amends__Storage__TablePrefix (default: none, the tables the app reads).
using System.Diagnostics;
using System.Globalization;
using Amends.Ledger;
using Amends.Money;
using Amends.Reports;
using Amends.Samples;
using Amends.Storage;
using Microsoft.Extensions.Options;

var incidents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3000;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : StoreHistory.DefaultSeed;
var account = new StorageAccount(Options.Create(new StorageOptions
{
    ConnectionString = Environment.GetEnvironmentVariable("Amends__Storage__ConnectionString") ?? "UseDevelopmentStorage=true",
    TablePrefix = Environment.GetEnvironmentVariable("Amends__Storage__TablePrefix") ?? "",
}));
var reports = new CostReports(account, Options.Create(new StoreCurrency()));
var ledger = new CostLedger(account, reports);
var responseTimes = new ResponseTimes(account);
await reports.EnsureCreatedAsync();
await ledger.EnsureCreatedAsync();
await responseTimes.EnsureCreatedAsync();

var history = StoreHistory.Generate(seed, incidents, new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero));
var lines = history.Sum(h => h.Count);
var total = history.Sum(h => h.Sum(l => l.Amount));
Console.WriteLine(FormattableString.Invariant($"Writing {incidents} incidents ({lines} cost lines, {total:0.00} in all) with seed {seed}..."));
var clock = Stopwatch.StartNew();
await StoreHistory.WriteAsync(ledger, history, writers: 8, new Progress<int>(n => Console.WriteLine(FormattableString.Invariant($"  {n} incidents"))));
await StoreHistory.WriteAsync(responseTimes, StoreHistory.ResponseTimes(seed, history), writers: 8);
Console.WriteLine(FormattableString.Invariant($"Done in {clock.Elapsed.TotalSeconds:0.0} s."));

foreach (var dimension in Enum.GetValues<ReportDimension>())
{
    clock.Restart();
    var report = await reports.ReportAsync(dimension);
    Console.WriteLine(FormattableString.Invariant(
        $"\nBy {CostReports.Name(dimension)}: {report.Rows.Sum(r => r.NetCost):0.00} net (read in {clock.Elapsed.TotalMilliseconds:0} ms)"));
    Console.Write(report.ToCsv());
}

clock.Restart();
var quarter = await reports.ReportAsync(ReportDimension.Sku, new ReportRange("2026-01", "2026-03"), group: null);
Console.WriteLine(FormattableString.Invariant(
    $"\nBy sku, 2026-01 to 2026-03: {quarter.Rows.Sum(r => r.NetCost):0.00} net (read in {clock.Elapsed.TotalMilliseconds:0} ms)"));

clock.Restart();
var top = await reports.TopBreakagesAsync();
Console.WriteLine(FormattableString.Invariant($"\nTop 10 things that break (read in {clock.Elapsed.TotalMilliseconds:0} ms):"));
Console.Write(top.ToCsv());

clock.Restart();
var times = await responseTimes.ReportAsync();
Console.WriteLine(FormattableString.Invariant($"\nResponse times by month of closing (read in {clock.Elapsed.TotalMilliseconds:0} ms):"));
Console.Write(times.ToCsv());
