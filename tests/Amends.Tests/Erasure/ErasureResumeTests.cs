using Amends.Erasure;
using Amends.Satisfaction;
using Amends.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Amends.Tests.Erasure;

/// <summary>
/// An erasure cut short (here after its first steps: the workflow stopped and purged, the incident and
/// its timeline deleted) is finished by the next request, which still finds the incident through the
/// queue index and deletes what is left.
/// </summary>
public sealed class ErasureResumeTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_finishes_an_erasure_that_stopped_half_way()
    {
        await using var host = await IncidentWorkflowHost.StartAsync(azurite, TimeSpan.FromHours(1));
        var incident = await host.OpenAsync();
        await host.EmailAsync(incident.Id, "acknowledgement");
        var survey = host.Services.GetRequiredService<SatisfactionSurvey>();
        await survey.AnswerAsync(incident.Id, 5, "Quick and kind.", consent: true, "Giulia", "en", Cancellation);

        // What the first attempt did before it failed.
        await host.Client.TerminateInstanceAsync(incident.Id, "erasure", Cancellation);
        await host.Client.WaitForInstanceCompletionAsync(incident.Id, Cancellation);
        await host.Client.PurgeInstanceAsync(incident.Id, cancellation: Cancellation);
        await host.Store.DeletePartitionAsync(incident.Id, Cancellation);
        Assert.Null(await host.Store.FindAsync(incident.Id, Cancellation));

        var record = await host.Services.GetRequiredService<CustomerErasure>().EraseAsync(incident.Customer.Email, "Anna", host.Client, Cancellation);

        Assert.Equal(
            new ErasedItems(QueueIndexRows: 3, OutboxEmails: 1, SatisfactionAnswers: 1, Testimonials: 1, StatusLinksRevoked: 1, ConversationMessages: 1),
            record.Items);
        Assert.Empty(await host.Store.ForCustomerAsync(incident.Customer.Email, Cancellation));
        Assert.Null(await survey.FindAsync(incident.Id, Cancellation));
        Assert.Empty(await survey.TestimonialsAsync(10, Cancellation));
        Assert.Empty(await survey.ListAsync(TestimonialState.Pending, 10, Cancellation));
        Assert.Empty(host.Amends.Outbox());
        Assert.Equal(1, (await survey.ReportAsync(Cancellation)).Responses);
    }
}
