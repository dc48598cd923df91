using System.Globalization;
using Amends.Email;
using Amends.Incidents;
using Amends.Languages;
using Amends.Photos;
using Amends.Returns;

namespace Amends.CustomerPages;

/// <summary>
/// The words of the customer pages in one language, as its folder's <c>pages.json</c> gives them (a word
/// the folder lacks is English's). Placeholders (<c>{0}</c>) are filled in by the pages; every value is
/// HTML-encoded there, so none of these may hold markup.
/// </summary>
internal sealed record PageText
{
    /// <summary>The language these words are in.</summary>
    public string Language { get; init; } = "";

    public string IncidentTitle { get; init; } = "";

    public string OrderLabel { get; init; } = "";

    public string StatusLabel { get; init; } = "";

    public string StatusOpen { get; init; } = "";

    public string StatusResolved { get; init; } = "";

    public string StatusClosed { get; init; } = "";

    public string TrackingLabel { get; init; } = "";

    public string NextUpdate { get; init; } = "";

    public string NoNextUpdate { get; init; } = "";

    public string ResolutionHeading { get; init; } = "";

    public string SparePart { get; init; } = "";

    public string Replacement { get; init; } = "";

    public string Refund { get; init; } = "";

    public string ReturnWithLabel { get; init; } = "";

    public string StoreCredit { get; init; } = "";

    public string HistoryHeading { get; init; } = "";

    public string YouReported { get; init; } = "";

    public string YouWrote { get; init; } = "";

    public string WeAcknowledged { get; init; } = "";

    public string WeWrote { get; init; } = "";

    public string WeAreStillOnIt { get; init; } = "";

    public string WeChoseResolution { get; init; } = "";

    public string WeApologized { get; init; } = "";

    public string DiscountCode { get; init; } = "";

    public string FormHeading { get; init; } = "";

    public string MessageLabel { get; init; } = "";

    public string PhotosLabel { get; init; } = "";

    public string Send { get; init; } = "";

    public string Sent { get; init; } = "";

    public string EmptyForm { get; init; } = "";

    public string MessageTooLong { get; init; } = "";

    public string FormExpired { get; init; } = "";

    public string FilesRefused { get; init; } = "";

    public string FormTooLarge { get; init; } = "";

    public string TooLarge { get; init; } = "";

    public string MessageTooLarge { get; init; } = "";

    public string TooMany { get; init; } = "";

    public string TypeNotAllowed { get; init; } = "";

    public string Unreadable { get; init; } = "";

    public string EmptyFile { get; init; } = "";

    public string SatisfactionTitle { get; init; } = "";

    public string SatisfactionQuestion { get; init; } = "";

    public string YourScore { get; init; } = "";

    public string Poor { get; init; } = "";

    public string Excellent { get; init; } = "";

    public string ScoreRecorded { get; init; } = "";

    public string CommentLabel { get; init; } = "";

    public string ConsentLabel { get; init; } = "";

    public string AnswerSaved { get; init; } = "";

    public string ChooseScore { get; init; } = "";

    public string PolicyTitle { get; init; } = "";

    public string ReturnWindow { get; init; } = "";

    public string ChangedMindFee { get; init; } = "";

    public string WrongItemFee { get; init; } = "";

    public string NoFeeWhenOurFault { get; init; } = "";

    public string ShippingHeading { get; init; } = "";

    public string WhenStore { get; init; } = "";

    public string WhenCarrier { get; init; } = "";

    public string WhenCustomer { get; init; } = "";

    public string WhenUnknown { get; init; } = "";

    public string PaidByStore { get; init; } = "";

    public string PaidByCustomer { get; init; } = "";

    public string TestimonialsHeading { get; init; } = "";

    public string WrittenIn { get; init; } = "";

    public string AmountLabel { get; init; } = "";

    public string ReturnReceived { get; init; } = "";

    public string RefundSent { get; init; } = "";

    public string LinkRefusedTitle { get; init; } = "";

    public string LinkRefused { get; init; } = "";

    public string ConfirmScore { get; init; } = "";

    /// <summary>Each language's name as it fits <see cref="WrittenIn"/> ("napisane po <c>włosku</c>"), by code.</summary>
    public Dictionary<string, string> LanguageNames { get; init; } = [];

    /// <summary>The text in <paramref name="language"/>, English when we do not speak it.</summary>
    public static PageText For(string? language) => PagesJson<PageText>.For(language);

    public string Status(IncidentStatus status) => status switch
    {
        IncidentStatus.Open => StatusOpen,
        IncidentStatus.Resolved => StatusResolved,
        _ => StatusClosed,
    };

    public string Resolution(ResolutionType type) => type switch
    {
        ResolutionType.SparePart => SparePart,
        ResolutionType.Replacement => Replacement,
        ResolutionType.Refund => Refund,
        ResolutionType.ReturnWithLabel => ReturnWithLabel,
        _ => StoreCredit,
    };

    /// <summary>The photo field's label, with the count and size limits.</summary>
    public string PhotosLabelWith(PhotoOptions limits, CultureInfo culture) =>
        string.Format(culture, PhotosLabel, limits.MaxFiles, AttachmentRejection.Megabytes(limits.MaxFileBytes));

    /// <summary>Why a file was refused, with the limit it broke.</summary>
    public string Rejection(RejectionReason reason, PhotoOptions limits) => reason switch
    {
        RejectionReason.TooLarge => string.Format(CultureInfo.InvariantCulture, TooLarge, AttachmentRejection.Megabytes(limits.MaxFileBytes)),
        RejectionReason.MessageTooLarge => string.Format(CultureInfo.InvariantCulture, MessageTooLarge, AttachmentRejection.Megabytes(limits.MaxMessageBytes)),
        RejectionReason.TooMany => string.Format(CultureInfo.InvariantCulture, TooMany, limits.MaxFiles),
        RejectionReason.TypeNotAllowed => TypeNotAllowed,
        RejectionReason.Unreadable => Unreadable,
        _ => EmptyFile,
    };

    public string Payer(ReturnShippingPayer payer) => payer == ReturnShippingPayer.Customer ? PaidByCustomer : PaidByStore;

    /// <summary>The name of <paramref name="language"/> in these words; its own name when this folder lacks it.</summary>
    public string LanguageName(string language)
    {
        var code = CustomerLanguage.Normalize(language);
        return LanguageNames.GetValueOrDefault(code) ?? For(code).LanguageNames.GetValueOrDefault(code) ?? code;
    }
}
