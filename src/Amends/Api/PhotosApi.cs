using System.Globalization;
using System.Security.Cryptography;
using Amends.Email;
using Amends.Incidents;
using Amends.Inbound;
using Amends.Photos;
using Amends.Resolve;
using Amends.Storage;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Amends.Api;

/// <summary>
/// An incident's photos and documents for staff and the store's back end: listed, streamed (never a
/// public URL) and uploaded with the same checks as email attachments.
/// </summary>
public static class PhotosApi
{
    /// <summary>Room for the multipart framing around the files themselves.</summary>
    private const long FramingBytes = 1024 * 1024;

    /// <summary>GET /api/v1/incidents/{id}/photos: the incident's photos and documents, oldest first.</summary>
    public static async Task<IResult> ListAsync(string id, IncidentStore store, IncidentPhotos photos, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        var list = await photos.ListAsync(id, cancellationToken);
        return TypedResults.Json(list.Select(p => PhotoView.Of(id, p)).ToList(), ApiJson.Options);
    }

    /// <summary>GET /api/v1/incidents/{id}/photos/{name}: one photo or document, streamed from private storage.</summary>
    public static async Task<IResult> ReadAsync(string id, string name, HttpResponse response, IncidentPhotos photos, CancellationToken cancellationToken)
    {
        if (await photos.OpenAsync(id, name, cancellationToken) is not { } photo)
        {
            return Problems.NotFound($"Incident {id} has no photo {name}.");
        }

        // Customer files are untrusted: the browser must not guess another type or run anything in them.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        var download = FileContent.IsImage(photo.ContentType) ? null : photo.FileName;
        return TypedResults.Stream(photo.Content, photo.ContentType, download, photo.LastModified,
            new EntityTagHeaderValue(photo.ETag.ToString("H")));
    }

    /// <summary>
    /// POST /api/v1/incidents/{id}/photos: files as <c>multipart/form-data</c>. Each is checked like an
    /// email attachment; refused files are recorded on the timeline with the reason. 201 with what was
    /// added and refused; 400 when nothing could be added.
    /// </summary>
    public static async Task<IResult> AddAsync(
        string id,
        HttpRequest request,
        IncidentStore store,
        PhotoChecks checks,
        IncidentPhotos photos,
        StaffActions staff,
        IOptions<PhotoOptions> options,
        TimeProvider clock,
        DurableTaskClient workflows,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { Value: var incident })
        {
            return Problems.NotFound($"There is no incident {id}.");
        }

        if (MultipartForm.Boundary(request.ContentType) is not { } boundary)
        {
            return Problems.Invalid("body", "Send the files as multipart/form-data.");
        }

        var limit = options.Value.MaxMessageBytes + FramingBytes;
        if (request.ContentLength > limit || await InboundEmailApi.ReadAsync(request.Body, limit, request.ContentLength, cancellationToken) is not { } body)
        {
            return Problems.TooLarge(limit);
        }

        IReadOnlyList<FormPart> parts;
        try
        {
            parts = await MultipartForm.ReadAsync(body, boundary, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Problems.Invalid("body", "The multipart body is malformed.");
        }

        var files = parts.Where(p => p.FileName is not null).Select(p => new IncomingFile(p.FileName!, p.ContentType, p.Content)).ToList();
        if (files.Count == 0)
        {
            return Problems.Invalid("files", "Attach at least one file.");
        }

        var now = clock.GetUtcNow();
        var result = checks.Check(files);
        foreach (var file in result.Accepted)
        {
            // Names are content hashes: a file uploaded again is already there.
            if (!await photos.ExistsAsync(id, file.Name, cancellationToken))
            {
                await photos.SaveAsync(id, file, "api", now, cancellationToken);
            }
        }

        // What the timeline lacks, not what was new to storage: a retry records the files an earlier try stored but did not.
        var unrecorded = PhotoTimeline.Unrecorded(result, await store.TimelineAsync(id, cancellationToken));
        var stem = string.Create(CultureInfo.InvariantCulture, $"{now.UtcTicks:D19}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var entries = PhotoTimeline.Entries(unrecorded, stem, now, Staff.StaffIdentity.NameOf(request));
        var wakes = (entries.Count > 0 || result.Accepted.Count > 0) && incident.Status == IncidentStatus.Open && EmailAddresses.IsMailbox(incident.Customer.Email);
        try
        {
            if (entries.Count > 0)
            {
                // Storage first, then the wake-up.
                await store.ChangeAsync(id, i => i, entries, cancellationToken);
            }
        }
        catch (RequestFailedException) when (wakes)
        {
            // The entries may be stored and only mirroring them failed: a retry then finds nothing to record (#20).
            await staff.WakeAsync(id, nameof(TimelineEntryKind.PhotoAdded), workflows, cancellationToken);
            throw;
        }

        // Also when everything was recorded before: the try that recorded it may have failed before its wake-up.
        if (wakes)
        {
            await staff.WakeAsync(id, nameof(TimelineEntryKind.PhotoAdded), workflows, cancellationToken);
        }

        if (result.Accepted.Count == 0)
        {
            return Problems.Invalid(result.Rejected
                .Select((r, i) => (Field: $"files[{i}]", Message: $"{r.FileName}: {r.Reason}. {r.Detail}"))
                .ToDictionary(e => e.Field, e => new[] { e.Message }));
        }

        var view = new PhotoUpload(
            [.. result.Accepted.Select(f => PhotoView.Of(id, new StoredPhoto(f.Name, f.FileName, f.ContentType, f.Content.Length, now, "api")))],
            result.Rejected);
        return TypedResults.Json(view, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}

/// <summary>A photo or document as the API lists it, with the URL staff fetch it from.</summary>
/// <param name="Name">Its name.</param>
/// <param name="FileName">The name the sender gave it.</param>
/// <param name="ContentType">What it is, by content.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="AddedAt">When it arrived.</param>
/// <param name="Source">Where it came from: <c>email</c> or <c>api</c>.</param>
/// <param name="Url">Where to fetch it (same API, same key).</param>
public sealed record PhotoView(string Name, string FileName, string ContentType, long Size, DateTimeOffset AddedAt, string Source, string Url)
{
    /// <summary>The view of <paramref name="photo"/> of incident <paramref name="incidentId"/>.</summary>
    public static PhotoView Of(string incidentId, StoredPhoto photo) =>
        new(photo.Name, photo.FileName, photo.ContentType, photo.Size, photo.AddedAt, photo.Source,
            $"{AmendsApi.Prefix}/incidents/{Uri.EscapeDataString(incidentId)}/photos/{photo.Name}");
}

/// <summary>The answer to an upload: what was added and what was refused, and why.</summary>
/// <param name="Accepted">Files stored (or already stored before).</param>
/// <param name="Rejected">Files refused.</param>
public sealed record PhotoUpload(IReadOnlyList<PhotoView> Accepted, IReadOnlyList<AttachmentRejection> Rejected);

/// <summary>An upload of photos or documents, for the API description: one or more file parts (any field name).</summary>
/// <param name="Files">The files.</param>
public sealed record PhotoUploadForm(IFormFileCollection Files);
