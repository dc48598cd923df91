using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Amends.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Amends.Faults;

/// <summary>
/// Fails a share of storage calls and email sends on purpose, to prove that no incident is left behind
/// when they fail transiently (the fault-injection tests and <c>bench/</c>). Off unless a share is set in
/// <c>Amends:FaultInjection</c>; when on, it says so loudly at start-up and logs every fault it injects.
/// Faults start once storage was made ready (<see cref="Arm"/>), so a start-up is not a coin toss.
/// </summary>
public sealed partial class FaultInjection
{
    private readonly FaultInjectionOptions options;
    private readonly ILogger<FaultInjection> logger;
    private readonly Random random;
    private readonly Lock gate = new();
    private volatile bool armed;

    /// <summary>Reads the shares from <paramref name="options"/>; warns when any is set.</summary>
    public FaultInjection(IOptions<FaultInjectionOptions> options, ILogger<FaultInjection> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        random = this.options.Seed is { } seed ? new Random(seed) : new Random();
        if (Enabled)
        {
            LogOn(logger, this.options.StorageFailureShare, this.options.EmailFailureShare);
        }
    }

    /// <summary>Whether any fault is injected at all.</summary>
    public bool Enabled => options.StorageFailureShare > 0 || options.EmailFailureShare > 0;

    /// <summary>Starts injecting (hosts' storage is ready).</summary>
    public void Arm() => armed = Enabled;

    /// <summary>The storage clients' pipeline policy, or null when storage faults are off.</summary>
    public HttpPipelinePolicy? StoragePolicy => options.StorageFailureShare > 0 ? new StorageFaults(this) : null;

    /// <summary><paramref name="sender"/>, failing a share of sends when email faults are on.</summary>
    public IEmailSender Wrap(IEmailSender sender) => options.EmailFailureShare > 0 ? new EmailFaults(sender, this) : sender;

    private bool Roll(double share)
    {
        if (!armed)
        {
            return false;
        }

        lock (gate)
        {
            return random.NextDouble() < share;
        }
    }

    private bool CoinFlip()
    {
        lock (gate)
        {
            return random.Next(2) == 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "FAULT INJECTION IS ON: {StorageShare:P0} of storage calls and {EmailShare:P0} of email sends fail on purpose (Amends:FaultInjection). Never in production.")]
    private static partial void LogOn(ILogger logger, double storageShare, double emailShare);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault injected: {What}.")]
    private static partial void LogInjected(ILogger logger, string what);

    /// <summary>
    /// Answers a share of storage requests with a 503, half of them before the request is sent and half
    /// after storage did the work (the answer lost on the way back), which is what tests idempotency.
    /// Placed per try, inside the SDK's own retries, as real transient faults are: a request sent again
    /// after a lost answer meets what the first one did (a conflict, a changed ETag), and the faults the
    /// SDK's retries do not absorb reach Amends' code as the RequestFailedException a real 503 gives.
    /// </summary>
    private sealed class StorageFaults(FaultInjection faults) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var (fail, afterwards) = Decide();
            if (!fail || afterwards)
            {
                ProcessNext(message, pipeline);
            }

            if (fail)
            {
                Unavailable(message, afterwards);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var (fail, afterwards) = Decide();
            if (!fail || afterwards)
            {
                await ProcessNextAsync(message, pipeline);
            }

            if (fail)
            {
                Unavailable(message, afterwards);
            }
        }

        private (bool Fail, bool Afterwards) Decide()
        {
            var fail = faults.Roll(faults.options.StorageFailureShare);
            return (fail, fail && faults.CoinFlip());
        }

        private void Unavailable(HttpMessage message, bool afterwards)
        {
            LogInjected(faults.logger, afterwards ? "storage request done, its answer replaced by 503" : "storage request answered 503 unsent");
            if (message.HasResponse)
            {
                message.Response.Dispose();
            }

            message.Response = new ServiceUnavailable(message.Request.ClientRequestId);
        }
    }

    /// <summary>An empty 503 answer, as storage gives when it is busy.</summary>
    private sealed class ServiceUnavailable(string clientRequestId) : Response
    {
        public override int Status => 503;

        // The transport marks real answers; the SDK's retry policy retries only what is marked an error.
        public override bool IsError => true;

        public override string ReasonPhrase => "Service Unavailable (injected by Amends:FaultInjection)";

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }

    /// <summary>Refuses a share of sends before they go out, as SendGrid does when it answers 5xx.</summary>
    private sealed class EmailFaults(IEmailSender inner, FaultInjection faults) : IEmailSender
    {
        public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
        {
            if (faults.Roll(faults.options.EmailFailureShare))
            {
                LogInjected(faults.logger, "email send refused");
                throw new EmailNotSentException("Injected email fault (Amends:FaultInjection).");
            }

            return inner.SendAsync(email, cancellationToken);
        }
    }
}

/// <summary>Shares of storage calls and email sends to fail on purpose. Bound from <c>Amends:FaultInjection</c>; off by default.</summary>
public sealed class FaultInjectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:FaultInjection";

    /// <summary>The share of Amends' storage calls (tables and blobs, not the durable engine's) that fail; 0 is off.</summary>
    [Range(0.0, 0.9)]
    public double StorageFailureShare { get; set; }

    /// <summary>The share of email sends that fail; 0 is off.</summary>
    [Range(0.0, 0.9)]
    public double EmailFailureShare { get; set; }

    /// <summary>Seeds the choice of calls to fail, to repeat a run; random when unset.</summary>
    public int? Seed { get; set; }
}
