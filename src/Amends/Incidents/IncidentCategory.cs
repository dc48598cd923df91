namespace Amends.Incidents;

/// <summary>What went wrong with the order, in the store's words.</summary>
public enum IncidentCategory
{
    /// <summary>Not yet diagnosed.</summary>
    Unknown,

    /// <summary>The courier damaged the parcel or its contents.</summary>
    DamagedInTransit,

    /// <summary>The product arrived broken or stopped working.</summary>
    Defective,

    /// <summary>A part of the product is missing from the box.</summary>
    MissingPart,

    /// <summary>The customer received a different item than ordered.</summary>
    WrongItem,

    /// <summary>The parcel never arrived.</summary>
    NotDelivered,

    /// <summary>The item does not match its description.</summary>
    NotAsDescribed,

    /// <summary>The customer no longer wants the item.</summary>
    ChangedMind,
}

/// <summary>Who caused the incident; it decides who pays and whether we compensate.</summary>
public enum Responsibility
{
    /// <summary>Not yet decided by staff.</summary>
    Unknown,

    /// <summary>The store (packing, picking, product quality).</summary>
    Store,

    /// <summary>The carrier that delivered the parcel.</summary>
    Carrier,

    /// <summary>The customer (changed mind, ordered the wrong item).</summary>
    Customer,
}

/// <summary>Where an incident stands; the order of the values is the order of the queue.</summary>
public enum IncidentStatus
{
    /// <summary>Being worked on; the customer is waiting.</summary>
    Open,

    /// <summary>Resolved; apology and compensation are on their way.</summary>
    Resolved,

    /// <summary>Done: apology sent, timeline final.</summary>
    Closed,
}

/// <summary>How the store fixes the problem.</summary>
public enum ResolutionType
{
    /// <summary>A spare part is shipped to the customer.</summary>
    SparePart,

    /// <summary>A whole replacement is shipped.</summary>
    Replacement,

    /// <summary>Money back, full or partial.</summary>
    Refund,

    /// <summary>The customer returns the item with a label we provide.</summary>
    ReturnWithLabel,

    /// <summary>Credit for a future order.</summary>
    StoreCredit,
}
