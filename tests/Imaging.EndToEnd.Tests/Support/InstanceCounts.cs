namespace Imaging.EndToEnd.Tests.Support;

/// <summary>One series counted at every stage of the pipeline; nothing may be lost or duplicated between stages.</summary>
/// <param name="Sent">Instances storescu got Success for.</param>
/// <param name="Stored">Blob files in the series' folder of the blob store.</param>
/// <param name="Indexed">Instances of the series GET /api/studies/{uid} lists.</param>
/// <param name="Processed">The instance count in the series' metadata findings (what the worker read).</param>
public sealed record InstanceCounts(int Sent, int Stored, int? Indexed, int? Processed)
{
    public bool AllEqual => Stored == Sent && Indexed == Sent && Processed == Sent;

    public override string ToString() => $"sent {Sent}, stored {Stored}, indexed {Indexed?.ToString() ?? "-"}, processed {Processed?.ToString() ?? "-"}";
}
