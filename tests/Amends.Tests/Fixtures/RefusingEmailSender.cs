using System.Collections.Concurrent;
using Amends.Email;

namespace Amends.Tests.Fixtures;

/// <summary>
/// The local outbox behind a switch that refuses the emails of chosen steps, as SendGrid does when it
/// answers 5xx: a refused email is not written, and the sender throws as <see cref="SendGridSender"/> does.
/// A held step's emails wait, as a send that gets no answer, until released.
/// </summary>
public sealed class RefusingEmailSender(LocalOutbox outbox) : IEmailSender
{
    private readonly ConcurrentDictionary<string, int> refusalsLeft = new();
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Released)> held = new();
    private int refused;

    /// <summary>How many emails were refused so far.</summary>
    public int Refused => Volatile.Read(ref refused);

    /// <summary>Refuses the next <paramref name="times"/> emails of <paramref name="step"/> (e.g. <c>apology</c>).</summary>
    public void Refuse(string step, int times = int.MaxValue) => refusalsLeft[step] = times;

    /// <summary>Sends every email again.</summary>
    public void Accept(string step) => refusalsLeft.TryRemove(step, out _);

    /// <summary>Holds the emails of <paramref name="step"/> until <see cref="Release"/>; the task ends when one is held.</summary>
    public Task Hold(string step) =>
        held.GetOrAdd(step, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously))).Reached.Task;

    /// <summary>Lets the held emails of <paramref name="step"/> go, and sends the next ones at once.</summary>
    public void Release(string step)
    {
        if (held.TryRemove(step, out var gate))
        {
            gate.Released.TrySetResult();
        }
    }

    /// <inheritdoc />
    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        // Message ids are {incident}.{step}@{domain}.
        var local = email.MessageId[..email.MessageId.IndexOf('@', StringComparison.Ordinal)];
        var step = local[(local.IndexOf('.', StringComparison.Ordinal) + 1)..];
        if (held.TryGetValue(step, out var gate))
        {
            gate.Reached.TrySetResult();
            await gate.Released.Task.WaitAsync(cancellationToken);
        }

        while (refusalsLeft.TryGetValue(step, out var left) && left > 0)
        {
            if (refusalsLeft.TryUpdate(step, left - 1, left))
            {
                Interlocked.Increment(ref refused);
                throw new EmailNotSentException("SendGrid answered 503.");
            }
        }

        await outbox.SendAsync(email, cancellationToken);
    }
}
