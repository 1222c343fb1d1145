using System.Collections.Concurrent;
using System.Collections.Frozen;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;

namespace Imaging.Deidentification;

/// <summary>The PS3.15 Annex E de-identifier: applies Table E.1-1 (as compiled for the options) to every attribute,
/// every sequence item at every depth, replaces identities by keyed pseudonyms and UIDs by 2.25 UIDs, shifts dates
/// per patient, removes private attributes (but the safe ones), overlays and curves, and quarantines instances that
/// may show burned-in text. README.md gives every rule and why.</summary>
/// <remarks>Thread-safe: every field is immutable after construction, each call keeps its state on its own.</remarks>
public sealed class DicomDeidentifier : IDeidentifier
{
    /// <summary>Deepest sequence nesting walked; deeper sequences are removed (a hostile file could nest without end).</summary>
    public const int MaximumDepth = 32;

    // X/D, X/Z/D and Z/D give D only for attributes that are Type 1 in common IODs (Content Date/Time in SR and
    // enhanced images, Device Serial Number in Enhanced General Equipment, Acquisition DateTime in enhanced frames).
    private static readonly FrozenSet<uint> TypeOne = new uint[] { 0x00080023, 0x00080033, 0x00181000, 0x0008002A }.ToFrozenSet();

    // X/Z/D sequences whose items are references: walked (their UIDs remapped) rather than emptied.
    private static readonly FrozenSet<uint> ReferenceSequences = new uint[] { 0x00081111 }.ToFrozenSet();

    // UI attributes that name classes, syntaxes, coding schemes or resources, never instances: never remapped.
    private static readonly FrozenSet<uint> ClassUidTags = new uint[]
    {
        0x00000002, 0x00000003, 0x00020002, 0x00020010, 0x00020012, 0x00020100, 0x00041510, 0x00041512, 0x00080016,
        0x0008001A, 0x0008001B, 0x00080062, 0x0008010C, 0x0008010D, 0x00080117, 0x00080118, 0x00081150, 0x0008115A,
        0x0040DB0C, 0x0040DB0D,
    }.ToFrozenSet();

    // Coding schemes whose Code Meanings come from a published vocabulary; any other scheme (local "99..." codes)
    // may carry free text, so its meanings are treated as descriptors.
    private static readonly FrozenSet<string> PublishedCodingSchemes = new[]
    {
        "DCM", "SCT", "SRT", "LN", "RADLEX", "UCUM", "NCIt", "FMA", "MSH", "UMLS", "I10", "I10P", "I9C", "ICD10", "BI",
        "ACR", "MDC", "NDC", "RXNORM", "HPC", "NEU", "UPC", "ITIS_TSN", "PUBCHEM_CID", "DC", "ISO639_1", "ISO639_2",
        "ISO3166_1", "IBSI", "NCDR", "ASTM-sigpurpose", "SNM3", "99SDM",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);
    private static readonly DicomTag DeidentificationMethod = new(0x0012, 0x0063);
    private static readonly DicomTag DeidentificationMethodCodeSequence = new(0x0012, 0x0064);
    private static readonly DicomTag LongitudinalTemporalInformationModified = new(0x0028, 0x0303);
    private static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

    /// <summary>Most UID remaps remembered per de-identifier (about 8 MB): study, series and frame-of-reference UIDs
    /// repeat in every instance of an export, and each remap costs an HMAC and a 128-bit decimal conversion.</summary>
    private const int UidCacheLimit = 50_000;

    private readonly Pseudonymizer _pseudonymizer;
    private readonly ConcurrentDictionary<string, string> _uidCache = new(StringComparer.Ordinal);
    private int _uidCacheCount;
    private readonly FrozenDictionary<uint, TagAction> _actions;
    private readonly SafePrivateAllowList _safePrivate;
    private readonly bool _needsScrubber;

    /// <summary>A de-identifier applying <paramref name="options"/> with the keys of <paramref name="pseudonymizer"/>.</summary>
    /// <exception cref="FormatException">A <see cref="DeidentificationOptions.SafePrivateAllowList"/> entry is malformed.</exception>
    public DicomDeidentifier(Pseudonymizer pseudonymizer, DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RetainLongitudinalModifiedDates && options.RetainLongitudinalFullDates)
            throw new ArgumentException("retain-longitudinal-modified-dates and retain-longitudinal-full-dates exclude each other.", nameof(options));
        _pseudonymizer = pseudonymizer;
        Options = options;
        _actions = Compile(options);
        _safePrivate = SafePrivateAllowList.Create(options.SafePrivateAllowList);
        _needsScrubber = options.CleanDescriptors || options.CleanStructuredContent || options.CleanGraphics || options.RetainPatientCharacteristics;
    }

    /// <inheritdoc />
    public DeidentificationOptions Options { get; }

    /// <summary>The compiled action for a tag of the table under these options, or null when the table does not list
    /// it (then the default rules apply).</summary>
    internal TagAction? ActionFor(DicomTag tag) => _actions.TryGetValue(tag.Value, out var action) ? action : null;

    /// <inheritdoc />
    public DeidentificationOutcome Deidentify(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var patientId = dataset.GetSingleString(DicomTags.PatientID) ?? string.Empty;
        var pseudonym = _pseudonymizer.Patient(patientId);
        var studyUid = dataset.GetSingleString(DicomTags.StudyInstanceUID) ?? string.Empty;
        var seriesUid = dataset.GetSingleString(DicomTags.SeriesInstanceUID) ?? string.Empty;
        var sopUid = dataset.GetSingleString(DicomTag.SopInstanceUid) ?? string.Empty;
        var sopClass = dataset.GetSingleString(DicomTag.SopClassUid) ?? string.Empty;

        var reason = BurnedInTextPolicy.Reason(dataset);
        IReadOnlyList<CleanPixelRegion> regions = [];
        if (reason is not null && !BurnedInTextPolicy.IsFinal(reason) && Options.CleanPixelData)
        {
            regions = PixelRegionBlanker.Matching(dataset, Options.CleanPixelRegions);
            if (regions.Count == 0) reason += "; no clean-pixel-data region matches";
            else if (dataset[DicomTag.PixelData] is not DicomElement) reason = "clean pixel data: encapsulated (compressed) pixel data is not cleaned";
            else reason = null;
        }
        if (reason is not null)
            return new DeidentificationOutcome(pseudonym, MapUid(studyUid), MapUid(seriesUid), MapUid(sopUid), sopClass, reason);

        // Pixels first: when blanking fails the instance is quarantined, and must then still be untouched.
        var pixelsCleaned = false;
        if (regions.Count > 0)
        {
            var failure = PixelRegionBlanker.TryBlank(dataset, regions);
            if (failure is not null)
                return new DeidentificationOutcome(pseudonym, MapUid(studyUid), MapUid(seriesUid), MapUid(sopUid), sopClass, failure);
            pixelsCleaned = true;
            dataset.SetString(BurnedInAnnotation, DicomVR.CS, "NO");
        }

        var run = new Run(
            Options.RetainLongitudinalModifiedDates ? _pseudonymizer.DateShiftDays(patientId) : null,
            _needsScrubber ? TextScrubber.From(dataset) : null);
        Walk(dataset, run, clean: false, depth: 0);

        dataset.SetString(DicomTags.PatientID, DicomVR.LO, pseudonym);
        dataset.SetString(DicomTags.PatientName, DicomVR.PN, pseudonym);
        WriteMethod(dataset, pixelsCleaned);
        // The walk already remapped them: read them back rather than computing three more MACs.
        return new DeidentificationOutcome(pseudonym,
            dataset.GetSingleString(DicomTags.StudyInstanceUID) ?? string.Empty,
            dataset.GetSingleString(DicomTags.SeriesInstanceUID) ?? string.Empty,
            dataset.GetSingleString(DicomTag.SopInstanceUid) ?? string.Empty,
            sopClass, null);
    }

    /// <summary>The remapped form of one UID value (unchanged under Retain UIDs, for well-known UIDs and for empty ones).</summary>
    public string MapUid(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        if (Options.RetainUids || uid.Length == 0) return uid;
        if (_uidCache.TryGetValue(uid, out var mapped)) return mapped;
        if (IsWellKnownUid(uid)) return uid;
        mapped = _pseudonymizer.Uid(uid);
        // Bounded: past the limit new UIDs are simply computed each time (same result, the cache is only for speed).
        if (Volatile.Read(ref _uidCacheCount) < UidCacheLimit && _uidCache.TryAdd(uid, mapped)) Interlocked.Increment(ref _uidCacheCount);
        return mapped;
    }

    /// <summary>True for UIDs of the DICOM registry (SOP classes, transfer syntaxes, well-known instances and frames of
    /// reference, coding schemes) and anything under the DICOM root 1.2.840.10008.</summary>
    public static bool IsWellKnownUid(string uid) =>
        uid.StartsWith("1.2.840.10008.", StringComparison.Ordinal) || DicomUid.TryLookup(uid, out _);

    private sealed record Run(int? ShiftDays, TextScrubber? Scrubber);

    private void Walk(DicomDataset dataset, Run run, bool clean, int depth)
    {
        var attributes = dataset.ToArray();
        List<DicomTag>? removals = null;
        HashSet<uint>? keptPrivateBlocks = null;
        void Remove(DicomTag tag) => (removals ??= []).Add(tag);

        foreach (var attribute in attributes)
        {
            var tag = attribute.Tag;
            if ((tag.Group & 1) == 1)
            {
                // Private (and the illegal odd groups 0001-0007): only allow-listed data elements survive.
                if (tag.IsPrivateCreator) continue;
                if (tag.IsPrivate && tag.Element >= 0x1000 && Options.RetainSafePrivate && _safePrivate.IsSafe(dataset.GetPrivateCreator(tag), tag))
                {
                    (keptPrivateBlocks ??= []).Add(((uint)tag.Group << 8) | (uint)(tag.Element >> 8));
                    continue;
                }
                Remove(tag);
                continue;
            }
            if (tag.IsGroupLength || tag.Group is >= 0x5000 and <= 0x50FF or >= 0x6000 and <= 0x60FF)
            {
                // Group lengths would be stale; overlays and curves (every element of 50xx/60xx) may draw identities.
                Remove(tag);
                continue;
            }
            if (_actions.TryGetValue(tag.Value, out var action)) Apply(dataset, attribute, action, run, clean, depth, Remove);
            else ApplyDefault(dataset, attribute, run, clean, depth, Remove);
        }

        // Private creators stay only for blocks that still hold a kept element.
        foreach (var attribute in attributes)
        {
            var tag = attribute.Tag;
            if (tag.IsPrivateCreator && !(keptPrivateBlocks?.Contains(((uint)tag.Group << 8) | tag.Element) ?? false)) Remove(tag);
        }
        if (removals is not null) foreach (var tag in removals) dataset.Remove(tag);
    }

    private void Apply(DicomDataset dataset, DicomAttribute attribute, TagAction action, Run run, bool clean, int depth, Action<DicomTag> remove)
    {
        var tag = attribute.Tag;
        if (attribute is DicomSequence sequence)
        {
            switch (action)
            {
                // X/Z and X/Z/D on a sequence: removed, since an empty sequence is only valid where it is Type 2 and
                // the table cannot tell which; a Type 3 sequence with no item is an IOD error (dciodvfy says so).
                case TagAction.Remove or TagAction.RemoveOrDummy or TagAction.RemoveOrEmpty:
                case TagAction.RemoveEmptyOrDummy when !ReferenceSequences.Contains(tag.Value):
                    remove(tag);
                    return;
                case TagAction.Empty:
                    dataset.Set(new DicomSequence(tag, sequence.VR));
                    return;
                default:
                    WalkItems(sequence, run, clean || action == TagAction.Clean, depth, remove);
                    return;
            }
        }
        if (attribute is not DicomElement element)
        {
            // Encapsulated pixel data is never in the table; anything else non-element is dropped.
            if (action != TagAction.Keep) remove(tag);
            return;
        }
        var typeOne = TypeOne.Contains(tag.Value);
        switch (action)
        {
            case TagAction.Keep:
                return;
            case TagAction.Remove:
            case TagAction.RemoveOrDummy when !typeOne:
                remove(tag);
                return;
            case TagAction.Empty:
            case TagAction.RemoveOrEmpty:
            case TagAction.RemoveEmptyOrDummy when !typeOne:
            case TagAction.EmptyOrDummy when !typeOne:
            case TagAction.RemoveEmptyOrRemapUids when element.VR != DicomVR.UI:
                dataset.Set(new DicomElement(tag, element.VR, DicomBuffer.Empty));
                return;
            case TagAction.Dummy or TagAction.RemoveOrDummy or TagAction.RemoveEmptyOrDummy or TagAction.EmptyOrDummy:
                if (DummyValues.For(tag, element.VR) is { } dummy) dataset.Set(dummy);
                else RemapUids(dataset, element);
                return;
            case TagAction.Uid or TagAction.RemoveEmptyOrRemapUids:
                RemapUids(dataset, element);
                return;
            case TagAction.Clean:
                CleanElement(dataset, element, run);
                return;
        }
    }

    private void ApplyDefault(DicomDataset dataset, DicomAttribute attribute, Run run, bool clean, int depth, Action<DicomTag> remove)
    {
        var tag = attribute.Tag;
        if (attribute is DicomSequence sequence)
        {
            WalkItems(sequence, run, clean, depth, remove);
            return;
        }
        if (attribute is not DicomElement element) return;
        switch (element.VR)
        {
            case DicomVR.DA or DicomVR.DT:
                // Dates the table does not list follow the date options: gone, shifted or kept.
                if (run.ShiftDays is not null) CleanElement(dataset, element, run);
                else if (!Options.RetainLongitudinalFullDates) remove(tag);
                return;
            case DicomVR.TM:
                // A time of day without its date identifies nobody; the table lists the times it wants gone.
                return;
            case DicomVR.UI:
                if (!Options.RetainUids && !ClassUidTags.Contains(tag.Value)) RemapUids(dataset, element);
                return;
            case DicomVR.PN:
                remove(tag);
                return;
            case DicomVR.LT or DicomVR.ST or DicomVR.UT:
                if (clean && run.Scrubber is not null) Scrub(dataset, element, run.Scrubber);
                else remove(tag);
                return;
            case DicomVR.AE:
                if (!Options.RetainDeviceIdentity) remove(tag);
                return;
        }
        if (tag == CodeMeaning)
        {
            var scheme = dataset.GetSingleString(CodingSchemeDesignator);
            if (scheme is not null && PublishedCodingSchemes.Contains(scheme.Trim())) return;
            if ((clean || Options.CleanDescriptors) && run.Scrubber is not null) Scrub(dataset, element, run.Scrubber);
            else dataset.Set(DicomElement.FromString(tag, element.VR, DummyValues.Text));
            return;
        }
        if (element.VR is DicomVR.LO or DicomVR.SH or DicomVR.UC or DicomVR.UN or DicomVR.UR && DicomDictionary.Find(tag) is null)
            remove(tag);
    }

    private void WalkItems(DicomSequence sequence, Run run, bool clean, int depth, Action<DicomTag> remove)
    {
        if (depth >= MaximumDepth)
        {
            remove(sequence.Tag);
            return;
        }
        foreach (var item in sequence.Items) Walk(item, run, clean, depth + 1);
    }

    private static void CleanElement(DicomDataset dataset, DicomElement element, Run run)
    {
        switch (element.VR)
        {
            case DicomVR.DA when run.ShiftDays is { } days:
                dataset.Set(DicomElement.FromString(element.Tag, DicomVR.DA, DateShifter.ShiftDateValues(element.GetString(), days)));
                return;
            case DicomVR.DT when run.ShiftDays is { } days:
                dataset.Set(DicomElement.FromString(element.Tag, DicomVR.DT, DateShifter.ShiftDateTimeValues(element.GetString(), days)));
                return;
            case DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT or DicomVR.UT or DicomVR.UC or DicomVR.PN when run.Scrubber is not null:
                Scrub(dataset, element, run.Scrubber);
                return;
        }
    }

    private static void Scrub(DicomDataset dataset, DicomElement element, TextScrubber scrubber)
    {
        var text = element.GetString(dataset.CharacterSet);
        var cleaned = scrubber.Clean(text);
        if (!ReferenceEquals(text, cleaned) && text != cleaned)
            dataset.Set(DicomElement.FromString(element.Tag, element.VR, cleaned, dataset.CharacterSet));
    }

    private void RemapUids(DicomDataset dataset, DicomElement element)
    {
        if (Options.RetainUids || element.IsEmpty) return;
        var values = element.GetStrings();
        var changed = false;
        for (var i = 0; i < values.Length; i++)
        {
            var mapped = MapUid(values[i]);
            if (ReferenceEquals(mapped, values[i])) continue;
            values[i] = mapped;
            changed = true;
        }
        if (changed) dataset.Set(DicomElement.FromStrings(element.Tag, DicomVR.UI, values));
    }

    private void WriteMethod(DicomDataset dataset, bool pixelsCleaned)
    {
        dataset.SetString(PatientIdentityRemoved, DicomVR.CS, "YES");
        var codes = DeidentificationMethodCodes.For(Options, pixelsCleaned);
        // LO holds 64 characters per value: one value per profile/option, the code meanings say it best.
        dataset.SetString(DeidentificationMethod, DicomVR.LO, codes.Select(c => Truncate(c.Meaning, 64)).ToArray());
        var items = codes.Select(c =>
        {
            var item = new DicomDataset();
            item.SetString(CodeValue, DicomVR.SH, c.Value);
            item.SetString(CodingSchemeDesignator, DicomVR.SH, "DCM");
            item.SetString(CodeMeaning, DicomVR.LO, Truncate(c.Meaning, 64));
            return item;
        });
        dataset.Set(new DicomSequence(DeidentificationMethodCodeSequence, items));
        var temporal = Options.RetainLongitudinalModifiedDates ? "MODIFIED" : Options.RetainLongitudinalFullDates ? "UNMODIFIED" : "REMOVED";
        dataset.SetString(LongitudinalTemporalInformationModified, DicomVR.CS, temporal);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static FrozenDictionary<uint, TagAction> Compile(DeidentificationOptions options)
    {
        var actions = new Dictionary<uint, TagAction>();
        foreach (var row in ConfidentialityProfileTable.Rows)
        {
            if (row.Mask != uint.MaxValue) continue; // 50xx/60xx: whole groups, handled in Walk
            char? chosen = null;
            foreach (var (column, action) in row.Options)
            {
                if (!IsOn(options, column)) continue;
                // Several options may name a row: keeping wins over cleaning, cleaning over removing.
                if (action == 'K' || (action == 'C' && chosen != 'K') || (action == 'X' && chosen is null)) chosen = action;
            }
            actions[row.Tag] = chosen switch
            {
                'K' => TagAction.Keep,
                'C' => TagAction.Clean,
                'X' => TagAction.Remove,
                _ => ParseBasic(row.Basic),
            };
        }
        return actions.ToFrozenDictionary();
    }

    private static bool IsOn(DeidentificationOptions options, ProfileColumn column) => column switch
    {
        ProfileColumn.RetainSafePrivate => options.RetainSafePrivate,
        ProfileColumn.RetainUids => options.RetainUids,
        ProfileColumn.RetainDeviceIdentity => options.RetainDeviceIdentity,
        ProfileColumn.RetainInstitutionIdentity => options.RetainInstitutionIdentity,
        ProfileColumn.RetainPatientCharacteristics => options.RetainPatientCharacteristics,
        ProfileColumn.RetainLongitudinalFullDates => options.RetainLongitudinalFullDates,
        ProfileColumn.RetainLongitudinalModifiedDates => options.RetainLongitudinalModifiedDates,
        ProfileColumn.CleanDescriptors => options.CleanDescriptors,
        ProfileColumn.CleanStructuredContent => options.CleanStructuredContent,
        ProfileColumn.CleanGraphics => options.CleanGraphics,
        _ => false,
    };

    internal static TagAction ParseBasic(string code) => code switch
    {
        "K" => TagAction.Keep,
        "X" => TagAction.Remove,
        "Z" => TagAction.Empty,
        "D" => TagAction.Dummy,
        "U" => TagAction.Uid,
        "C" => TagAction.Clean,
        "X/Z" => TagAction.RemoveOrEmpty,
        "X/D" => TagAction.RemoveOrDummy,
        "X/Z/D" => TagAction.RemoveEmptyOrDummy,
        "X/Z/U*" => TagAction.RemoveEmptyOrRemapUids,
        "Z/D" => TagAction.EmptyOrDummy,
        _ => throw new FormatException($"Unknown PS3.15 action code '{code}'."),
    };
}
