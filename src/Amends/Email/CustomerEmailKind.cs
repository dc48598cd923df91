namespace Amends.Email;

/// <summary>The emails a customer gets from the workflow; each has a template per language.</summary>
public enum CustomerEmailKind
{
    /// <summary>Right after the incident is reported.</summary>
    Acknowledgement,

    /// <summary>A message staff wrote to the customer.</summary>
    StaffUpdate,

    /// <summary>How we will put it right, with any tracking number.</summary>
    Resolution,

    /// <summary>Sent by the workflow itself when the customer heard nothing for the silence limit.</summary>
    SilenceUpdate,

    /// <summary>The apology and thanks, with any compensation.</summary>
    Apology,

    /// <summary>The spare part or replacement is on its way: the tracking number.</summary>
    Tracking,

    /// <summary>The returned parcel arrived.</summary>
    ReturnReceived,

    /// <summary>The return parcel has not come: a reminder to send it.</summary>
    ReturnReminder,

    /// <summary>The store confirmed it paid a refund or credit: the amount actually paid.</summary>
    RefundSent,
}
