using System.ComponentModel.DataAnnotations;
using Microsoft.DurableTask;

namespace Amends.Workflow;

/// <summary>
/// How often and how patiently a failed workflow step is tried again before the incident is flagged
/// for staff. Bound from <c>Amends:Workflow:Retry</c>; every activity call of every orchestration uses it.
/// </summary>
public sealed class WorkflowRetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Amends:Workflow:Retry";

    /// <summary>Attempts of one step, the first included, before the workflow stops and asks staff.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait before the second attempt; each later wait is <see cref="BackoffCoefficient"/> times longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much longer each wait is than the one before.</summary>
    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; set; } = 2;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The policy as the orchestrations carry it in their input (orchestrator code cannot read options).</summary>
    public StepRetry ToStepRetry() => new(MaxAttempts, FirstInterval, BackoffCoefficient, MaxInterval);
}

/// <summary>A retry policy for workflow steps, carried in an orchestration's input so replay sees the same one.</summary>
/// <param name="MaxAttempts">Attempts, the first included.</param>
/// <param name="FirstInterval">The wait before the second attempt.</param>
/// <param name="BackoffCoefficient">How much longer each later wait is.</param>
/// <param name="MaxInterval">The longest wait.</param>
public sealed record StepRetry(int MaxAttempts, TimeSpan FirstInterval, double BackoffCoefficient, TimeSpan MaxInterval)
{
    /// <summary>The defaults of <see cref="WorkflowRetryOptions"/>, for instances started before the policy was carried.</summary>
    public static StepRetry Default { get; } = new WorkflowRetryOptions().ToStepRetry();

    /// <summary>The task options that make Durable Task retry an activity under this policy.</summary>
    public TaskOptions ToTaskOptions() =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(MaxAttempts, FirstInterval, BackoffCoefficient, MaxInterval));
}
