using Imaging.Dicom.Data;
using Imaging.Storage;

namespace Imaging.Gateway.Ingest;

/// <summary>An instance that is in the blob store and committed to the index (its outbox row with it).</summary>
/// <param name="Header">The data set up to its pixel data, as read once on ingest.</param>
/// <param name="FilePath">Where the blob is.</param>
public sealed record IngestedInstance(InstanceRecord Record, RecordedInstance Outcome, DicomDataset Header, string FilePath);
