using Amends.Acknowledge;
using Amends.Close;
using Amends.Compensate;
using Amends.Functions.Workflow;
using Amends.Payments;
using Amends.Returns;
using Amends.Silence;
using Amends.StoreBackend;
using Amends.Telemetry;
using Amends.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Amends.Functions.Tests.Workflow;

/// <summary>Each activity trigger runs the step of its own name (WorkflowTasks) on its input and returns the step's result unchanged.</summary>
public sealed class WorkflowActivitiesTests
{
    private readonly Mock<IWorkflowStep<string, bool>> acknowledge = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<string, CustomerContact>> keepCustomerInformed = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<string, Compensation>> compensate = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<Apology, bool>> apologize = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<string, bool>> close = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<StalledStep, bool>> flagStalledStep = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<StoreBackendEvent, StoreBackendAnswer>> postToStoreBackend = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<StoreBackendOutcomeNote, bool>> noteStoreBackendOutcome = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<string, ReturnProgress>> advanceReturn = new(MockBehavior.Strict);
    private readonly Mock<IWorkflowStep<PaymentRequest, StoreBackendNotice?>> requestPayment = new(MockBehavior.Strict);

    private WorkflowActivities Activities() => new(new ServiceCollection()
        .AddKeyedSingleton(AcknowledgeCustomer.Name, acknowledge.Object)
        .AddKeyedSingleton(KeepCustomerInformed.Name, keepCustomerInformed.Object)
        .AddKeyedSingleton(CompensateCustomer.Name, compensate.Object)
        .AddKeyedSingleton(Apologize.Name, apologize.Object)
        .AddKeyedSingleton(CloseIncident.Name, close.Object)
        .AddKeyedSingleton(FlagStalledStep.Name, flagStalledStep.Object)
        .AddKeyedSingleton(PostToStoreBackend.Name, postToStoreBackend.Object)
        .AddKeyedSingleton(NoteStoreBackendOutcome.Name, noteStoreBackendOutcome.Object)
        .AddKeyedSingleton(AdvanceReturn.Name, advanceReturn.Object)
        .AddKeyedSingleton(RequestPayment.Name, requestPayment.Object)
        .BuildServiceProvider());

    [Fact]
    public async Task AdvanceReturn_returns_the_steps_progress()
    {
        var progress = new ReturnProgress(DateTimeOffset.UnixEpoch.AddDays(7), new PaymentRequest("INC-1", PaymentKind.ReturnRefund, 101.50m));
        advanceReturn.Setup(s => s.RunAsync("INC-1")).ReturnsAsync(progress);

        Assert.Same(progress, await Activities().AdvanceReturnAsync("INC-1"));
    }

    [Fact]
    public async Task RequestPayment_passes_the_request_on_and_returns_the_notice()
    {
        var request = new PaymentRequest("INC-1", PaymentKind.ShippingRefund, 7.50m);
        var notice = new StoreBackendNotice(new StoreBackendEvent("refund.requested", "INC-1.shipping-refund", "INC-1", "#1", 7.50m, "EUR"), 4, TimeSpan.FromSeconds(1));
        requestPayment.Setup(s => s.RunAsync(request)).ReturnsAsync(notice);

        Assert.Same(notice, await Activities().RequestPaymentAsync(request));
    }

    [Fact]
    public async Task Acknowledge_acknowledges_the_incident()
    {
        acknowledge.Setup(s => s.RunAsync("INC-1")).ReturnsAsync(true);

        Assert.True(await Activities().AcknowledgeAsync("INC-1"));
        acknowledge.Verify(s => s.RunAsync("INC-1"), Times.Once);
    }

    [Fact]
    public async Task KeepCustomerInformed_returns_the_steps_next_update()
    {
        var contact = new CustomerContact(StillOpen: true, DateTimeOffset.UnixEpoch.AddDays(7));
        keepCustomerInformed.Setup(s => s.RunAsync("INC-1")).ReturnsAsync(contact);

        Assert.Same(contact, await Activities().KeepCustomerInformedAsync("INC-1"));
    }

    [Fact]
    public async Task Compensate_returns_the_steps_compensation()
    {
        var compensation = new Compensation("SORRY-10", 10, DateTimeOffset.UnixEpoch);
        compensate.Setup(s => s.RunAsync("INC-1")).ReturnsAsync(compensation);

        Assert.Same(compensation, await Activities().CompensateAsync("INC-1"));
    }

    [Fact]
    public async Task Apologize_passes_the_apology_on()
    {
        var apology = new Apology("INC-1", Compensation.None);
        apologize.Setup(s => s.RunAsync(apology)).ReturnsAsync(true);

        Assert.True(await Activities().ApologizeAsync(apology));
        apologize.Verify(s => s.RunAsync(It.Is<Apology>(a => ReferenceEquals(a, apology))), Times.Once);
    }

    [Fact]
    public async Task Close_closes_the_incident()
    {
        close.Setup(s => s.RunAsync("INC-1")).ReturnsAsync(false);

        Assert.False(await Activities().CloseAsync("INC-1"));
        close.Verify(s => s.RunAsync("INC-1"), Times.Once);
    }

    [Fact]
    public async Task FlagStalledStep_passes_the_stop_on()
    {
        var stalled = new StalledStep("INC-1", "Apologize", "EmailNotSentException", "SendGrid answered 503.", 6, DateTime.UnixEpoch);
        flagStalledStep.Setup(s => s.RunAsync(stalled)).ReturnsAsync(true);

        Assert.True(await Activities().FlagStalledStepAsync(stalled));
        flagStalledStep.Verify(s => s.RunAsync(It.Is<StalledStep>(n => ReferenceEquals(n, stalled))), Times.Once);
    }

    [Fact]
    public async Task PostToStoreBackend_returns_the_stores_answer()
    {
        var storeEvent = new StoreBackendEvent("refund.requested", "INC-1.refund.requested", "INC-1", "#1", 10m, "EUR");
        var answer = new StoreBackendAnswer(StoreBackendOutcome.Failed, 503);
        postToStoreBackend.Setup(s => s.RunAsync(storeEvent)).ReturnsAsync(answer);

        Assert.Same(answer, await Activities().PostToStoreBackendAsync(storeEvent));
    }

    [Fact]
    public async Task NoteStoreBackendOutcome_passes_the_note_on()
    {
        var note = new StoreBackendOutcomeNote(
            new StoreBackendEvent("refund.requested", "INC-1.refund.requested", "INC-1", "#1", 10m, "EUR"),
            new StoreBackendDelivery(StoreBackendOutcome.Delivered, 1, 200),
            DateTime.UnixEpoch);
        noteStoreBackendOutcome.Setup(s => s.RunAsync(note)).ReturnsAsync(true);

        Assert.True(await Activities().NoteStoreBackendOutcomeAsync(note));
        noteStoreBackendOutcome.Verify(s => s.RunAsync(It.Is<StoreBackendOutcomeNote>(n => ReferenceEquals(n, note))), Times.Once);
    }

    [Fact]
    public void Each_activity_name_gets_the_librarys_step_of_that_name()
    {
        Assert.Same(TestHttp.Service<AcknowledgeCustomer>(), Step<string, bool>(AcknowledgeCustomer.Name));
        Assert.Same(TestHttp.Service<KeepCustomerInformed>(), Step<string, CustomerContact>(KeepCustomerInformed.Name));
        Assert.Same(TestHttp.Service<CompensateCustomer>(), Step<string, Compensation>(CompensateCustomer.Name));
        Assert.Same(TestHttp.Service<Apologize>(), Step<Apology, bool>(Apologize.Name));
        Assert.Same(TestHttp.Service<CloseIncident>(), Step<string, bool>(CloseIncident.Name));
        Assert.Same(TestHttp.Service<FlagStalledStep>(), Step<StalledStep, bool>(FlagStalledStep.Name));
        Assert.Same(TestHttp.Service<PostToStoreBackend>(), Step<StoreBackendEvent, StoreBackendAnswer>(PostToStoreBackend.Name));
        Assert.Same(TestHttp.Service<NoteStoreBackendOutcome>(), Step<StoreBackendOutcomeNote, bool>(NoteStoreBackendOutcome.Name));
        Assert.Same(TestHttp.Service<AdvanceReturn>(), Step<string, ReturnProgress>(AdvanceReturn.Name));
        Assert.Same(TestHttp.Service<RequestPayment>(), Step<PaymentRequest, StoreBackendNotice?>(RequestPayment.Name));
    }

    /// <summary>The step the activity runs, inside its span and measures (docs/telemetry.md).</summary>
    private static IWorkflowStep<TIn, TOut> Step<TIn, TOut>(string activity) =>
        Assert.IsType<TracedStep<TIn, TOut>>(TestHttp.Service<IServiceProvider>().GetRequiredKeyedService<IWorkflowStep<TIn, TOut>>(activity)).Step;
}
