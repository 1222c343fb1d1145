using Imaging.Analysis.Routing;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;

namespace Imaging.Analysis.Metadata;

/// <summary>Reads the header of every instance of a series (never its pixel data) and gathers <see cref="SeriesMetadata"/>.
/// A file that is missing or unreadable becomes a problem in the metadata; the rest of the series is still described.</summary>
public static class SeriesMetadataExtractor
{
    /// <summary>Reads every file's header and returns the series' metadata with its readable instances in series order
    /// (instance number, then SOP Instance UID). Only cancellation throws.</summary>
    /// <remarks>Each header is reduced to what the metadata needs as soon as it is read, so a series of thousands of
    /// slices does not hold thousands of headers; only the first instance of each series seen is kept whole.</remarks>
    public static SeriesInput Extract(IEnumerable<InstanceFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<SeriesProblem>();
        var read = new List<InstanceFacts>();
        var firstBySeries = new Dictionary<string, InstanceFacts>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryReadHeader(file, problems) is not { } dicom) continue;
            var header = new HeaderReader(dicom.Dataset, file.Name, problems);
            var sopInstanceUid = header.Text(DicomTag.SopInstanceUid);
            if (sopInstanceUid is null)
            {
                // Without its UID a file cannot be told apart from the others: whatever else it held is of no use.
                var reason = dicom.Error is { } error ? $"Not readable as DICOM: {error.Message}" : "The file has no SOP Instance UID.";
                problems.Add(new SeriesProblem(file.Name, SeriesProblemCodes.Unreadable, reason));
                continue;
            }
            if (dicom.IsPartial)
                problems.Add(new SeriesProblem(file.Name, SeriesProblemCodes.PartialHeader, $"The header stops at a format error: {dicom.Error?.Message}"));
            if (file.ExpectedSopInstanceUid is { } expected && !string.Equals(expected, sopInstanceUid, StringComparison.Ordinal))
            {
                // The index points at a file holding another instance: describing it would describe the wrong data.
                problems.Add(new SeriesProblem(file.Name, SeriesProblemCodes.UidMismatch, $"The file holds SOP Instance UID {sopInstanceUid}."));
                continue;
            }
            if (!seen.Add(sopInstanceUid))
            {
                problems.Add(new SeriesProblem(file.Name, SeriesProblemCodes.DuplicateInstance, $"SOP Instance UID {sopInstanceUid} was already read from another file."));
                continue;
            }

            var facts = ReadFacts(file, header, dicom, sopInstanceUid);
            read.Add(facts with { Dataset = null });
            if (!firstBySeries.TryGetValue(facts.SeriesUid, out var first) || InSeriesOrder(facts, first) < 0) firstBySeries[facts.SeriesUid] = facts;
        }
        read.Sort(InSeriesOrder);

        // The series most files belong to (on a tie, the first in series order) is the one described; a stray file from
        // another series is left out rather than bent into this one's geometry. A file without a Series Instance UID
        // cannot be placed, so it is kept.
        var seriesUid = read.Where(f => f.SeriesUid.Length > 0).GroupBy(f => f.SeriesUid, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? string.Empty;
        var members = new List<InstanceFacts>(read.Count);
        foreach (var facts in read)
        {
            if (facts.SeriesUid.Length > 0 && !string.Equals(facts.SeriesUid, seriesUid, StringComparison.Ordinal))
            {
                problems.Add(new SeriesProblem(facts.File.Name, SeriesProblemCodes.OtherSeries, $"The file belongs to series {facts.SeriesUid}, not {seriesUid}."));
                continue;
            }
            members.Add(facts);
        }
        if (members.Count == 0) problems.Add(new SeriesProblem(string.Empty, SeriesProblemCodes.NoInstances, "No instance of the series could be read."));

        var firstMember = new[] { seriesUid, string.Empty }.Where(firstBySeries.ContainsKey).Select(k => firstBySeries[k])
            .OrderBy(f => f, Comparer<InstanceFacts>.Create(InSeriesOrder)).FirstOrDefault();
        var metadata = Describe(firstMember, members, problems);
        return new SeriesInput(metadata, [.. members.Select(m => new SeriesInstance(m.File, m.Metadata))]);
    }

    /// <summary>Instance number, then SOP Instance UID.</summary>
    private static int InSeriesOrder(InstanceFacts a, InstanceFacts b)
    {
        var byNumber = (a.Metadata.InstanceNumber ?? int.MaxValue).CompareTo(b.Metadata.InstanceNumber ?? int.MaxValue);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(a.Metadata.SopInstanceUid, b.Metadata.SopInstanceUid);
    }

    /// <summary>What the series description needs from one header: its per-instance metadata, slice planes and views.</summary>
    private static InstanceFacts ReadFacts(InstanceFile file, HeaderReader header, DicomFile dicom, string sopInstanceUid)
    {
        var modality = header.Text(DicomTags.Modality);
        var planes = new List<SlicePlane>();
        var unpositioned = 0;
        if (IsCrossSectional(modality)) CollectPlanes(header, planes, ref unpositioned);
        var views = new List<string>();
        if (IsNuclear(modality))
        {
            // Views over every instance: some writers put anterior and posterior in separate instances.
            foreach (var item in header.Items(DicomTags.DetectorInformationSequence))
                AddView(views, item.CodeMeaning(DicomTags.ViewCodeSequence) ?? item.Text(DicomTags.ViewName));
            AddView(views, header.CodeMeaning(DicomTags.ViewCodeSequence));
            AddView(views, header.Text(DicomTags.ViewName));
            AddView(views, header.Text(DicomTags.ViewPosition));
        }
        // Every instance's segments: a SEG series may hold one segment per instance.
        IReadOnlyList<SegmentMetadata> segments = modality is "SEG"
            ? [.. header.Items(DicomTags.SegmentSequence).Select(item => new SegmentMetadata(item.Int(DicomTags.SegmentNumber), item.Text(DicomTags.SegmentLabel),
                item.CodeMeaning(DicomTags.SegmentedPropertyTypeCodeSequence), item.Text(DicomTags.SegmentDescription)))]
            : [];
        return new InstanceFacts(file, ReadInstance(header, dicom, sopInstanceUid), header.Text(DicomTags.SeriesInstanceUID) ?? string.Empty,
            planes, unpositioned, views, segments, dicom.Dataset);
    }

    private static void AddView(List<string> views, string? view)
    {
        if (view is not null && !views.Contains(view, StringComparer.OrdinalIgnoreCase)) views.Add(view);
    }

    private static DicomFile? TryReadHeader(InstanceFile file, List<SeriesProblem> problems)
    {
        try
        {
            return file.ReadHeader();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add(new SeriesProblem(file.Name, SeriesProblemCodes.MissingFile, ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a damaged file makes the reader throw (format errors, I/O errors, permissions, a reader bug), it
            // concerns this file only: the series is still described without it.
            problems.Add(new SeriesProblem(file.Name, SeriesProblemCodes.Unreadable, $"{ex.GetType().Name}: {ex.Message}"));
            return null;
        }
    }

    private static InstanceMetadata ReadInstance(HeaderReader header, DicomFile dicom, string sopInstanceUid)
    {
        var modality = header.Text(DicomTags.Modality);
        var rows = header.Int(DicomTags.Rows);
        var nuclear = IsNuclear(modality);
        var crossSectional = IsCrossSectional(modality);
        return new InstanceMetadata
        {
            SopInstanceUid = sopInstanceUid,
            SopClassUid = header.Text(DicomTag.SopClassUid),
            InstanceNumber = header.Int(DicomTags.InstanceNumber),
            TransferSyntaxUid = dicom.FileMetaInformation.Count > 0 ? dicom.TransferSyntax.Uid : null,
            // Number of Frames is absent from single-frame IODs; an image still has its one frame, a non-image none.
            Frames = header.Int(DicomTags.NumberOfFrames) is { } n and >= 0 ? n : rows is null ? 0 : 1,
            Rows = rows,
            Columns = header.Int(DicomTags.Columns),
            ImageType = header.Texts(DicomTags.ImageType),
            ImagePositionPatient = crossSectional ? header.Doubles(DicomTags.ImagePositionPatient, 3) : null,
            ImageOrientationPatient = crossSectional ? header.Doubles(DicomTags.ImageOrientationPatient, 6) : null,
            CountsAccumulated = nuclear ? header.Long(DicomTags.CountsAccumulated) : null,
            ActualFrameDurationMs = nuclear ? header.Long(DicomTags.ActualFrameDuration) : null,
            DetectorVector = nuclear ? header.Ints(DicomTags.DetectorVector) : null,
            EnergyWindowVector = nuclear ? header.Ints(DicomTags.EnergyWindowVector) : null,
        };
    }

    private static SeriesMetadata Describe(InstanceFacts? firstMember, IReadOnlyList<InstanceFacts> members, List<SeriesProblem> problems)
    {
        var instances = members.Select(m => m.Metadata).ToArray();
        if (firstMember?.Dataset is not { } firstDataset)
        {
            return new SeriesMetadata
            {
                InstanceCount = 0, FrameCount = 0, Instances = instances, Problems = problems.Distinct().ToArray(),
                Content = new SeriesClassification(SeriesContentKind.Other, "no readable instance"),
            };
        }

        var first = new HeaderReader(firstDataset, firstMember.File.Name, problems);
        var modality = first.Text(DicomTags.Modality);
        var sopClassUid = first.Text(DicomTag.SopClassUid);
        var pixelMeasures = FunctionalGroup(first, DicomTags.PixelMeasuresSequence);
        var metadata = new SeriesMetadata
        {
            StudyInstanceUid = first.Text(DicomTags.StudyInstanceUID),
            SeriesInstanceUid = first.Text(DicomTags.SeriesInstanceUID),
            Modality = modality,
            SopClassUid = sopClassUid,
            SopClassName = sopClassUid is null ? null : DicomUid.Lookup(sopClassUid) is { IsKnown: true } known ? known.Name : null,
            SeriesNumber = first.Int(DicomTags.SeriesNumber),
            BodyPartExamined = first.Text(DicomTags.BodyPartExamined),
            ImageType = first.Texts(DicomTags.ImageType),
            StudyDescription = first.Text(DicomTags.StudyDescription),
            SeriesDescription = first.Text(DicomTags.SeriesDescription),
            ProtocolName = first.Text(DicomTags.ProtocolName),
            SeriesDate = first.Date(DicomTags.SeriesDate),
            SeriesTime = first.Time(DicomTags.SeriesTime),
            Manufacturer = first.Text(DicomTags.Manufacturer),
            ManufacturerModelName = first.Text(DicomTags.ManufacturerModelName),
            PatientPosition = first.Text(DicomTags.PatientPosition),
            Rows = first.Int(DicomTags.Rows),
            Columns = first.Int(DicomTags.Columns),
            PixelSpacing = first.Doubles(DicomTags.PixelSpacing, 2) ?? pixelMeasures?.Doubles(DicomTags.PixelSpacing, 2),
            InstanceCount = members.Count,
            FrameCount = instances.Sum(i => i.Frames),
            NuclearMedicine = IsNuclear(modality) ? DescribeNuclear(first, members) : null,
            CrossSectional = IsCrossSectional(modality) ? DescribeCrossSectional(first, pixelMeasures, members) : null,
            Segments = modality is "SEG" ? [.. members.SelectMany(m => m.Segments)] : null,
            Instances = instances,
            Problems = [],
            Content = new SeriesClassification(SeriesContentKind.Other, "not classified yet"),
        };
        // Problems last: describing the series may have found more.
        metadata = metadata with { Problems = problems.Distinct().ToArray() };
        return metadata with { Content = ContentRouter.Classify(metadata) };
    }

    private static NuclearMedicineMetadata DescribeNuclear(HeaderReader first, IReadOnlyList<InstanceFacts> members)
    {
        var radiopharmaceuticals = first.Items(DicomTags.RadiopharmaceuticalInformationSequence)
            .Select(item => new RadiopharmaceuticalInfo(
                item.Text(DicomTags.Radiopharmaceutical),
                item.CodeMeaning(DicomTags.RadiopharmaceuticalCodeSequence),
                item.CodeMeaning(DicomTags.RadionuclideCodeSequence),
                item.Double(DicomTags.RadionuclideTotalDose),
                item.Time(DicomTags.RadiopharmaceuticalStartTime),
                item.DateTime(DicomTags.RadiopharmaceuticalStartDateTime)))
            .ToArray();

        var windows = first.Items(DicomTags.EnergyWindowInformationSequence)
            .Select(item => new EnergyWindow(item.Text(DicomTags.EnergyWindowName), Ranges(item)))
            .ToList();
        // PET puts the range straight in the dataset.
        if (windows.Count == 0 && Ranges(first) is { Length: > 0 } topLevel) windows.Add(new EnergyWindow(null, topLevel));

        var detectors = first.Items(DicomTags.DetectorInformationSequence)
            .Select((item, i) => new NmDetector(
                i + 1,
                item.CodeMeaning(DicomTags.ViewCodeSequence) ?? item.Text(DicomTags.ViewName),
                item.CodeMeaning(DicomTags.ViewModifierCodeSequence),
                item.Text(DicomTags.CollimatorGridName),
                item.Text(DicomTags.CollimatorType)))
            .ToArray();

        var views = new List<string>();
        foreach (var view in members.SelectMany(m => m.Views)) AddView(views, view);
        var counts = members.Select(m => m.Metadata.CountsAccumulated).Where(c => c is not null).ToArray();
        return new NuclearMedicineMetadata
        {
            Radiopharmaceuticals = radiopharmaceuticals,
            EnergyWindows = windows,
            NumberOfEnergyWindows = first.Int(DicomTags.NumberOfEnergyWindows),
            NumberOfDetectors = first.Int(DicomTags.NumberOfDetectors),
            Detectors = detectors,
            Views = views,
            WholeBodyTechnique = first.Texts(DicomTags.WholeBodyTechnique),
            ScanArc = first.Double(DicomTags.ScanArc),
            ScanLengthMm = first.Long(DicomTags.ScanLength),
            TypeOfDetectorMotion = first.Text(DicomTags.TypeOfDetectorMotion),
            ImageId = first.Text(DicomTags.ImageID),
            CountsAccumulated = counts.Length == 0 ? null : counts.Sum(),
            ActualFrameDurationMs = members[0].Metadata.ActualFrameDurationMs,
        };
    }

    private static EnergyRange[] Ranges(HeaderReader window) =>
        window.Items(DicomTags.EnergyWindowRangeSequence)
            .Select(range => new EnergyRange(range.Double(DicomTags.EnergyWindowLowerLimit), range.Double(DicomTags.EnergyWindowUpperLimit)))
            .ToArray();

    private static CrossSectionalMetadata DescribeCrossSectional(HeaderReader first, HeaderReader? pixelMeasures, IReadOnlyList<InstanceFacts> members)
    {
        var geometry = SliceGeometry.Compute([.. members.SelectMany(m => m.Planes)]);
        var xray = FunctionalGroup(first, DicomTags.CTXRayDetailsSequence);
        return new CrossSectionalMetadata
        {
            SliceThickness = first.Double(DicomTags.SliceThickness) ?? pixelMeasures?.Double(DicomTags.SliceThickness),
            SpacingBetweenSlices = first.Double(DicomTags.SpacingBetweenSlices) ?? pixelMeasures?.Double(DicomTags.SpacingBetweenSlices),
            Kvp = first.Double(DicomTags.KVP) ?? xray?.Double(DicomTags.KVP),
            ImageOrientationPatient = geometry.Orientation,
            Normal = geometry.Normal,
            SliceCount = geometry.Positions.Count,
            SlicePositions = geometry.Positions,
            SliceSpacing = geometry.Spacing,
            UniformSpacing = geometry.Uniform,
            Gaps = geometry.Gaps,
            DuplicatePositions = geometry.Duplicates,
            OtherOrientationSlices = geometry.OtherOrientation,
            UnpositionedImages = members.Sum(m => m.Unpositioned),
        };
    }

    /// <summary>Adds the planes of one instance: one for a classic image, one per frame for an enhanced multi-frame image
    /// (positions from the per-frame functional groups, orientation per frame or shared).</summary>
    private static void CollectPlanes(HeaderReader header, List<SlicePlane> planes, ref int unpositioned)
    {
        var perFrame = header.Items(DicomTags.PerFrameFunctionalGroupsSequence).ToArray();
        if (perFrame.Length == 0)
        {
            if (header.Int(DicomTags.Rows) is null) return;
            var position = header.Doubles(DicomTags.ImagePositionPatient, 3);
            var orientation = header.Doubles(DicomTags.ImageOrientationPatient, 6);
            if (position is not null && orientation is not null && SliceGeometry.IsUsableOrientation(orientation)) planes.Add(new SlicePlane(position, orientation));
            else unpositioned++;
            return;
        }
        var sharedOrientation = header.FirstItem(DicomTags.SharedFunctionalGroupsSequence)?.FirstItem(DicomTags.PlaneOrientationSequence)
            ?.Doubles(DicomTags.ImageOrientationPatient, 6);
        foreach (var frame in perFrame)
        {
            var position = frame.FirstItem(DicomTags.PlanePositionSequence)?.Doubles(DicomTags.ImagePositionPatient, 3);
            var orientation = frame.FirstItem(DicomTags.PlaneOrientationSequence)?.Doubles(DicomTags.ImageOrientationPatient, 6) ?? sharedOrientation;
            if (position is not null && orientation is not null && SliceGeometry.IsUsableOrientation(orientation)) planes.Add(new SlicePlane(position, orientation));
            else unpositioned++;
        }
    }

    /// <summary>A functional group macro of an enhanced image: from the shared groups, else the first frame's.</summary>
    private static HeaderReader? FunctionalGroup(HeaderReader header, DicomTag macro) =>
        header.FirstItem(DicomTags.SharedFunctionalGroupsSequence)?.FirstItem(macro)
        ?? header.FirstItem(DicomTags.PerFrameFunctionalGroupsSequence)?.FirstItem(macro);

    private static bool IsNuclear(string? modality) => modality is "NM" or "PT";

    private static bool IsCrossSectional(string? modality) => modality is "CT" or "MR";
}
