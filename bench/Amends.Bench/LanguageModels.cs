using System.Diagnostics;
using Amends.Email;
using Amends.Inbound;
using Amends.Testing;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Amends.Bench;

/// <summary>
/// What Lingua costs: the time and memory of loading the four languages' models on first use, then
/// the time of one first guess (strip, detect, classify) per mail over the labelled corpus.
/// </summary>
internal static class LanguageModels
{
    public static void Run(int rounds)
    {
        var corpus = Path.Combine(Repository.Root, "tests", "Amends.Tests", "Inbound", "Corpus");
        var mails = Directory.EnumerateFiles(corpus, "*.eml").Order(StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f))
            .Select(m => (m.Subject ?? "", QuotedReply.Strip(m.TextBody ?? "")))
            .ToList();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        var language = new WrittenLanguage(Options.Create(new EmailOptions()), Options.Create(new ClassifierOptions()));
        var classifier = new IncidentClassifier(language, Options.Create(new ClassifierOptions()));
        var started = Stopwatch.GetTimestamp();

        // Each language's models load when a text first needs them; these four load all four.
        foreach (var text in new[] { "The kettle stopped working.", "Il bollitore non funziona.", "Czajnik nie działa.", "Vannkokeren virker ikke." })
        {
            language.Of(text);
        }

        var load = Stopwatch.GetElapsedTime(started);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Process.GetCurrentProcess().Refresh();
        var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"Lingua, 4 languages: models loaded in {load.TotalMilliseconds:F0} ms; managed heap +{(after - before) / 1048576.0:F0} MB, working set +{(workingSetAfter - workingSetBefore) / 1048576.0:F0} MB");

        Latencies latencies = new();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (subject, words) in mails)
            {
                var one = Stopwatch.GetTimestamp();
                classifier.Guess(subject, words);
                latencies.Add(Stopwatch.GetElapsedTime(one));
            }
        }

        Console.WriteLine($"first guess (language + category) per corpus mail, {mails.Count} mails × {rounds}: {latencies}");
    }
}
