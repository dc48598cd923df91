using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amends.Testing;

namespace Amends.Bench;

/// <summary>
/// Peak memory of the server while <c>posts</c> SendGrid posts of about 30 MB each arrive at once
/// (raw mode: a text part and files of random bytes, so nothing compresses or dedupes), with the
/// inbound route bounded to <c>places</c> posts at a time; the rest are answered 503 and, as SendGrid
/// would, sent again until taken. Linux only: the peak is the process's VmHWM from /proc.
/// </summary>
internal static class InboundMemory
{
    private const string Secret = "bench-inbound-secret-0001";

    public static async Task RunAsync(int posts, int places)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Amends__Storage__TablePrefix"] = "m" + Guid.NewGuid().ToString("N")[..8],
            ["Amends__InboundSecret"] = Secret,
            ["Amends__Inbound__MaxConcurrentPosts"] = places.ToString(CultureInfo.InvariantCulture),
            ["Amends__Inbound__AdmissionWait"] = "00:00:01",
        });
        using var http = server.CreateClient();
        http.Timeout = TimeSpan.FromMinutes(10);
        var pid = server.ProcessId ?? throw new InvalidOperationException("The server is not running.");
        var bodies = Enumerable.Range(0, posts).Select(Post).ToList();
        var idle = Kilobytes(pid, "VmRSS");
        var refused = 0;

        var sending = bodies.Select(async body =>
        {
            while (true)
            {
                using var content = new ByteArrayContent(body.Bytes);
                content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
                using var response = await http.PostAsync($"/api/v1/inbound/sendgrid?key={Secret}", content);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    response.EnsureSuccessStatusCode();
                    return;
                }

                Interlocked.Increment(ref refused);
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        });
        var started = DateTime.UtcNow;
        await Task.WhenAll(sending);
        var elapsed = DateTime.UtcNow - started;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{posts} posts of {bodies[0].Bytes.Length / 1024d / 1024:F1} MB at once, {places} taken at a time: all taken in {elapsed.TotalSeconds:F1} s, " +
            $"{refused} answers 503 (sent again); server RSS idle {idle / 1024} MB, peak {Kilobytes(pid, "VmHWM") / 1024} MB"));
    }

    private static (byte[] Bytes, string ContentType) Post(int number)
    {
        var boundary = "m" + number.ToString(CultureInfo.InvariantCulture);
        var mime = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"From: Ola Nordmann <ola@example.no>\r\nTo: incidents@shop.example\r\nSubject: Video of the damage, order #{4000 + number}\r\n" +
            $"Message-ID: <bench-memory-{number}-{Guid.NewGuid():N}@mail.example>\r\nMIME-Version: 1.0\r\n" +
            $"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\nContent-Type: text/plain\r\n\r\nThe kettle arrived broken; videos attached.\r\n"));
        for (var file = 0; file < 7; file++)
        {
            // Random bytes: 3 MB each decoded, 4 MB as base64; seven make the post about 29 MB.
            mime.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: video/mp4; name=clip{file}.mp4\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            mime.Append(Convert.ToBase64String(RandomNumberGenerator.GetBytes(3 * 1024 * 1024), Base64FormattingOptions.InsertLineBreaks));
            mime.Append("\r\n");
        }

        mime.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("incidents@shop.example"), "to" },
            { new StringContent("ola@example.no"), "from" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(mime.ToString())), "email" },
        };
        return (form.ReadAsByteArrayAsync().GetAwaiter().GetResult(), form.Headers.ContentType!.ToString());
    }

    private static long Kilobytes(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
