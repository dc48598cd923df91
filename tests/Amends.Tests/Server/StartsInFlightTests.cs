using System.Diagnostics.CodeAnalysis;
using Amends.Server;
using Amends.Tests.Fixtures;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Amends.Tests.Server;

/// <summary>
/// The engine reads a new instance's Instances row (its de-duplication of starts) only once this process
/// has finished starting it, so it never finds the row missing and defers the start by 2 s; every other
/// request goes straight through.
/// </summary>
public sealed class StartsInFlightTests
{
    private const string Hub = "amends";

    [Fact]
    public async Task The_engine_reads_a_new_instance_row_only_after_its_start_finished()
    {
        var starts = new StartsInFlight(Hub, maxHold: Timeout.InfiniteTimeSpan);
        var storage = new Storage();
        var pipeline = Pipeline(starts, storage);
        TaskCompletionSource startFinishing = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = starts.StartAsync("AMD-1", async () =>
        {
            await startFinishing.Task;
            return true;
        });

        var engineRead = Send(pipeline, RequestMethod.Get, "AMD-1");
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(0, storage.Count);

        startFinishing.SetResult();
        await start.WaitAsync(Poll.DefaultTimeout, TestContext.Current.CancellationToken);
        await engineRead.WaitAsync(Poll.DefaultTimeout, TestContext.Current.CancellationToken);
        Assert.Equal(1, storage.Count);
    }

    [Fact]
    public async Task The_start_itself_other_instances_and_writes_are_not_held()
    {
        var starts = new StartsInFlight(Hub, maxHold: Timeout.InfiniteTimeSpan);
        var storage = new Storage();
        var pipeline = Pipeline(starts, storage);
        TaskCompletionSource startFinishing = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = starts.StartAsync("AMD-1", async () =>
        {
            // The provider reads the row itself before it queues the start message.
            await Send(pipeline, RequestMethod.Get, "AMD-1");
            await startFinishing.Task;
            return true;
        });

        await Send(pipeline, RequestMethod.Get, "AMD-2").WaitAsync(Poll.DefaultTimeout, TestContext.Current.CancellationToken);
        await Send(pipeline, RequestMethod.Post, "AMD-1").WaitAsync(Poll.DefaultTimeout, TestContext.Current.CancellationToken);
        await Poll.UntilTrueAsync(() => Task.FromResult(storage.Count == 3), "the start's own read");

        startFinishing.SetResult();
        await start.WaitAsync(Poll.DefaultTimeout, TestContext.Current.CancellationToken);
    }

    private static HttpPipeline Pipeline(StartsInFlight starts, Storage storage)
    {
        var options = new StorageOptions { Transport = storage };
        options.Retry.MaxRetries = 0;
        options.AddPolicy(starts, HttpPipelinePosition.PerCall);
        return HttpPipelineBuilder.Build(options);
    }

    /// <summary>A request of the shape the provider sends for one instance's row.</summary>
    private static async Task Send(HttpPipeline pipeline, RequestMethod method, string instanceId)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri($"http://127.0.0.1:10002/devstoreaccount1/{Hub}Instances()?$filter={Uri.EscapeDataString($"PartitionKey eq '{instanceId}' and RowKey eq ''")}&$top=1"));
        await pipeline.SendAsync(message, CancellationToken.None);
    }

    private sealed class StorageOptions : ClientOptions;

    /// <summary>Storage as the pipeline's last step: counts the requests that reach it and answers 200.</summary>
    private sealed class Storage : HttpPipelineTransport
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override Request CreateRequest() => new HttpClientTransport().CreateRequest();

        public override void Process(HttpMessage message) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            Interlocked.Increment(ref count);
            message.Response = new Answer();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Answer : Response
    {
        public override int Status => 200;

        public override string ReasonPhrase => "OK";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

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
}
