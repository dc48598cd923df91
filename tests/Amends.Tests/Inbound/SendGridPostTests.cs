using Amends.Inbound;

namespace Amends.Tests.Inbound;

/// <summary>Both SendGrid modes read every sample alike: parsed fields (with their charsets) and raw MIME.</summary>
public sealed class SendGridPostTests
{
    public static TheoryData<string> Samples() => [.. SendGridPosts.SampleNames];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Parsed_and_raw_mode_read_the_same_email(string sample)
    {
        var message = SendGridPosts.Sample(sample);
        var parsedPost = SendGridPosts.Parsed(message);
        var rawPost = SendGridPosts.Raw(message);

        var parsed = await Amends.Inbound.SendGridPost.ReadAsync(parsedPost.Body, parsedPost.ContentType, TestContext.Current.CancellationToken);
        var raw = await Amends.Inbound.SendGridPost.ReadAsync(rawPost.Body, rawPost.ContentType, TestContext.Current.CancellationToken);

        Assert.Equal(message.MessageId, parsed.MessageId);
        Assert.Equal(raw.MessageId, parsed.MessageId);
        Assert.Equal(raw.FromAddress, parsed.FromAddress);
        Assert.Equal(raw.FromName, parsed.FromName);
        Assert.Equal(raw.Subject, parsed.Subject);
        Assert.Equal(raw.Text.ReplaceLineEndings("\n"), parsed.Text.ReplaceLineEndings("\n"));
        Assert.Equal(raw.ReferencedMessageIds, parsed.ReferencedMessageIds);
        Assert.Equal(raw.IsDeliveryReport, parsed.IsDeliveryReport);
        Assert.Equal(raw.Attachments.Select(a => (a.FileName, a.Content.Length)), parsed.Attachments.Select(a => (a.FileName, a.Content.Length)));
        Assert.Empty(parsed.Problems);
        Assert.Empty(raw.Problems);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_cannot_be_read()
    {
        await Assert.ThrowsAsync<UnreadableMailException>(() =>
            Amends.Inbound.SendGridPost.ReadAsync("{}"u8.ToArray(), "application/json", TestContext.Current.CancellationToken));
    }
}
