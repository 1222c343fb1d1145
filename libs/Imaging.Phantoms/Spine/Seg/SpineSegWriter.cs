using System.Globalization;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.IO;
using Imaging.Phantoms.Dicom;
using Imaging.Phantoms.Spine.Anatomy;
using Imaging.Phantoms.Spine.Mr;
using Imaging.Phantoms.Spine.Rendering;

namespace Imaging.Phantoms.Spine.Seg;

/// <summary>Writes a BINARY DICOM Segmentation (PS3.3 A.51) of a <see cref="SpineCtStudy"/> or a sagittal <see cref="SpineMrStudy"/>: one segment per vertebral level in
/// view, one frame per CT slice the segment touches (on the CT slice's own grid), per-frame Derivation Image, Plane Position
/// and Segment Identification, shared Pixel Measures and Plane Orientation, dimensions (segment, position), and the CT
/// series in the Common Instance Reference. Masks come from the phantom's solids, sampled at the pixel centres of the slice's
/// central plane.</summary>
public static class SpineSegWriter
{
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>The phantom's own coding scheme for vertebral levels: level codes are "VERT-T5" etc. with meaning "T5 vertebra".</summary>
    public const string LevelCodingScheme = "99IMGSPINE";

    public static DicomFile Build(SpineCtStudy study, SpineSegOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var truth = study.GroundTruth;
        return Build(new Source(study.Options, study.Instances, truth.StudyInstanceUid, truth.SeriesInstanceUid, truth.FrameOfReferenceUid,
            truth.Vertebrae.Select(v => v.Level).ToList(), study.Options.UidSalt ?? $"spine-ct-seed:{study.Options.Seed.ToString(CultureInfo.InvariantCulture)}",
            study.Options.AcquisitionDateTime, study.Options.SliceThicknessMm, study.Options.SliceSpacingMm, "CT Spine"), options ?? new SpineSegOptions());
    }

    /// <summary>The same SEG of a sagittal <see cref="SpineMrStudy"/>: frames on the MR slices' own grid (one per sagittal slice
    /// a level touches), the anatomy rebuilt from the MR phantom's options.</summary>
    public static DicomFile Build(SpineMrStudy study, SpineSegOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var truth = study.GroundTruth;
        return Build(new Source(MrTissueSignal.AnatomyOptions(study.Options), study.Instances, truth.StudyInstanceUid, truth.SeriesInstanceUid,
            truth.FrameOfReferenceUid, truth.Vertebrae.Select(v => v.Level).ToList(),
            study.Options.UidSalt ?? $"spine-mr-seed:{study.Options.Seed.ToString(CultureInfo.InvariantCulture)}",
            study.Options.AcquisitionDateTime, study.Options.SliceThicknessMm, study.Options.SliceSpacingMm, "MR Spine"), options ?? new SpineSegOptions());
    }

    /// <summary>What the writer needs of a phantom study, CT or MR.</summary>
    private sealed record Source(SpineCtPhantomOptions Anatomy, IReadOnlyList<DicomFile> Instances, string StudyInstanceUid, string SeriesInstanceUid,
        string FrameOfReferenceUid, IReadOnlyList<string> LevelsInView, string Salt, DateTime AcquisitionDateTime, double SliceThicknessMm,
        double SliceSpacingMm, string StudyDescription);

    private static DicomFile Build(Source study, SpineSegOptions options)
    {
        var model = SpineModel.Build(study.Anatomy);
        var tissue = TissueHu.From(study.Anatomy);
        var inView = study.LevelsInView.ToHashSet(StringComparer.Ordinal);
        var levels = model.Vertebrae.Where(v => inView.Contains(v.Name)).ToList();

        var slices = Slices(study.Instances);
        var segments = new List<(int Number, Vertebra Vertebra, List<(int Slice, byte[] Mask)> Frames)>();
        foreach (var v in levels)
        {
            var shapes = new List<ICtShape> { new VertebralBodyShape(v, tissue) };
            if (options.WholeVertebrae) shapes.Add(new PosteriorElementsShape(v, tissue));
            var frames = new List<(int, byte[])>();
            for (var s = 0; s < slices.Count; s++)
                if (Rasterise(shapes, slices[s].Geometry) is { } mask) frames.Add((s, mask));
            if (frames.Count > 0) segments.Add((segments.Count + 1, v, frames));
        }
        if (segments.Count == 0) throw new InvalidOperationException("No vertebral level of the study reaches any slice.");

        var first = study.Instances[0].Dataset;
        var salt = study.Salt;
        var ds = new DicomDataset();
        var created = study.AcquisitionDateTime.AddMinutes(30);
        var date = created.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = created.ToString("HHmmss", CultureInfo.InvariantCulture);
        var organisation = PhantomUids.Derive(salt, options.UidPurpose + "-dimensions");

        ds.SetString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        ds.SetString(DicomTags.ImageType, DicomVR.CS, "DERIVED", "PRIMARY");
        ds.SetString(DicomTags.InstanceCreationDate, DicomVR.DA, date);
        ds.SetString(DicomTags.InstanceCreationTime, DicomVR.TM, time);
        ds.SetString(DicomTags.SOPClassUID, DicomVR.UI, SegmentationStorage);
        ds.SetString(DicomTags.SOPInstanceUID, DicomVR.UI, PhantomUids.Derive(salt, options.UidPurpose + "-instance"));
        ds.SetString(DicomTags.StudyDate, DicomVR.DA, first.GetString(DicomTags.StudyDate) ?? date);
        ds.SetString(DicomTags.SeriesDate, DicomVR.DA, date);
        ds.SetString(DicomTags.ContentDate, DicomVR.DA, date);
        ds.SetString(DicomTags.StudyTime, DicomVR.TM, first.GetString(DicomTags.StudyTime) ?? time);
        ds.SetString(DicomTags.SeriesTime, DicomVR.TM, time);
        ds.SetString(DicomTags.ContentTime, DicomVR.TM, time);
        ds.SetString(DicomTags.AccessionNumber, DicomVR.SH, first.GetString(DicomTags.AccessionNumber) ?? "");
        ds.SetString(DicomTags.Modality, DicomVR.CS, "SEG");
        ds.SetString(DicomTags.Manufacturer, DicomVR.LO, "Imaging Phantoms");
        ds.SetString(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        ds.SetString(DicomTags.StudyDescription, DicomVR.LO, first.GetString(DicomTags.StudyDescription) ?? study.StudyDescription);
        ds.SetString(DicomTags.SeriesDescription, DicomVR.LO, options.WholeVertebrae ? "Vertebrae (whole)" : "Vertebral bodies");
        ds.SetString(DicomTags.ManufacturerModelName, DicomVR.LO, "SpineSegWriter");
        ds.SetString(DicomTags.PatientName, DicomVR.PN, first.GetString(DicomTags.PatientName) ?? "");
        ds.SetString(DicomTags.PatientID, DicomVR.LO, first.GetString(DicomTags.PatientID) ?? "");
        ds.SetString(DicomTags.PatientBirthDate, DicomVR.DA, first.GetString(DicomTags.PatientBirthDate) ?? "");
        ds.SetString(DicomTags.PatientSex, DicomVR.CS, first.GetString(DicomTags.PatientSex) ?? "");
        ds.SetString(DicomTags.BodyPartExamined, DicomVR.CS, "SPINE");
        ds.SetString(DicomTags.DeviceSerialNumber, DicomVR.LO, "PHANTOM-1");
        ds.SetString(DicomTags.SoftwareVersions, DicomVR.LO, "imaging-phantoms 1");
        ds.SetString(DicomTags.StudyInstanceUID, DicomVR.UI, study.StudyInstanceUid);
        ds.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, PhantomUids.Derive(salt, options.UidPurpose + "-series"));
        ds.SetString(DicomTags.StudyID, DicomVR.SH, first.GetString(DicomTags.StudyID) ?? "");
        ds.Set(DicomElement.FromIntegers(DicomTags.SeriesNumber, 300));
        ds.Set(DicomElement.FromIntegers(DicomTags.InstanceNumber, 1));
        ds.SetString(DicomTags.FrameOfReferenceUID, DicomVR.UI, options.FrameOfReferenceUid ?? study.FrameOfReferenceUid);
        ds.SetString(DicomTags.PositionReferenceIndicator, DicomVR.LO, "");

        ds.SetString(DicomTags.ContentLabel, DicomVR.CS, "VERTEBRAE");
        ds.SetString(DicomTags.ContentDescription, DicomVR.LO, "Vertebral levels of the spine phantom");
        ds.SetString(DicomTags.ContentCreatorName, DicomVR.PN, "PHANTOM^SEGMENTER");
        ds.SetValues(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.SetValues(DicomTags.Rows, DicomVR.US, (ushort)slices[0].Geometry.Rows);
        ds.SetValues(DicomTags.Columns, DicomVR.US, (ushort)slices[0].Geometry.Columns);
        ds.SetValues(DicomTags.BitsAllocated, DicomVR.US, (ushort)1);
        ds.SetValues(DicomTags.BitsStored, DicomVR.US, (ushort)1);
        ds.SetValues(DicomTags.HighBit, DicomVR.US, (ushort)0);
        ds.SetValues(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.SetString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        ds.SetString(DicomTags.SegmentationType, DicomVR.CS, "BINARY");
        ds.SetString(DicomTags.SegmentsOverlap, DicomVR.CS, options.WholeVertebrae ? "UNDEFINED" : "NO");

        var segmentSequence = new DicomSequence(DicomTags.SegmentSequence);
        foreach (var (number, v, _) in segments) segmentSequence.Add(SegmentItem(number, v.Name, options));
        ds.Set(segmentSequence);

        ds.Set(new DicomSequence(DicomTags.DimensionOrganizationSequence, [Item(d => d.SetString(DicomTags.DimensionOrganizationUID, DicomVR.UI, organisation))]));
        ds.Set(new DicomSequence(DicomTags.DimensionIndexSequence,
        [
            Dimension(organisation, DicomTags.ReferencedSegmentNumber, DicomTags.SegmentIdentificationSequence, "ReferencedSegmentNumber"),
            Dimension(organisation, DicomTags.ImagePositionPatient, DicomTags.PlanePositionSequence, "ImagePositionPatient"),
        ]));

        var geometry = slices[0].Geometry;
        ds.Set(new DicomSequence(DicomTags.SharedFunctionalGroupsSequence,
        [
            Item(shared =>
            {
                shared.Set(new DicomSequence(DicomTags.PixelMeasuresSequence, [Item(m =>
                {
                    m.Set(DicomElement.FromDecimals(DicomTags.PixelSpacing, geometry.PixelSpacing, geometry.PixelSpacing));
                    m.Set(DicomElement.FromDecimals(DicomTags.SliceThickness, study.SliceThicknessMm));
                    m.Set(DicomElement.FromDecimals(DicomTags.SpacingBetweenSlices, study.SliceSpacingMm));
                })]));
                shared.Set(new DicomSequence(DicomTags.PlaneOrientationSequence, [Item(o => o.Set(DicomElement.FromDecimals(DicomTags.ImageOrientationPatient,
                    Round(geometry.Row.X, 6), Round(geometry.Row.Y, 6), Round(geometry.Row.Z, 6),
                    Round(geometry.Column.X, 6), Round(geometry.Column.Y, 6), Round(geometry.Column.Z, 6))))]));
            }),
        ]));

        var perFrame = new DicomSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var pixelsPerFrame = geometry.Rows * geometry.Columns;
        var frameCount = segments.Sum(s => s.Frames.Count);
        var packed = new byte[checked(((long)pixelsPerFrame * frameCount + 7) / 8 + 1) & ~1L];
        long bit = 0;
        var referenced = new SortedDictionary<int, Slice>();
        foreach (var (number, _, frames) in segments)
        {
            foreach (var (s, mask) in frames)
            {
                var slice = slices[s];
                referenced[s] = slice;
                perFrame.Add(Item(f =>
                {
                    f.Set(new DicomSequence(DicomTags.DerivationImageSequence, [Item(d =>
                    {
                        d.Set(Codes(DicomTags.DerivationCodeSequence, "113076", "DCM", "Segmentation"));
                        d.Set(new DicomSequence(DicomTags.SourceImageSequence, [Item(src =>
                        {
                            src.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, slice.SopClassUid);
                            src.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, slice.SopInstanceUid);
                            src.Set(Codes(DicomTags.PurposeOfReferenceCodeSequence, "121322", "DCM", "Source image for image processing operation"));
                        })]));
                    })]));
                    f.Set(new DicomSequence(DicomTags.FrameContentSequence, [Item(c =>
                        c.SetValues(DicomTags.DimensionIndexValues, DicomVR.UL, (uint)number, (uint)(s + 1)))]));
                    f.Set(new DicomSequence(DicomTags.PlanePositionSequence, [Item(p => p.Set(DicomElement.FromDecimals(DicomTags.ImagePositionPatient,
                        Round(slice.Geometry.Origin.X), Round(slice.Geometry.Origin.Y), Round(slice.Geometry.Origin.Z))))]));
                    f.Set(new DicomSequence(DicomTags.SegmentIdentificationSequence, [Item(i =>
                        i.SetValues(DicomTags.ReferencedSegmentNumber, DicomVR.US, (ushort)number))]));
                }));
                // Frames follow each other bit by bit (PS3.5 8.1.1): a frame starts wherever the previous one ended.
                for (var p = 0; p < pixelsPerFrame; p++, bit++)
                    if (mask[p] != 0) packed[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            }
        }
        ds.Set(perFrame);
        ds.Set(DicomElement.FromIntegers(DicomTags.NumberOfFrames, frameCount));

        ds.Set(new DicomSequence(DicomTags.ReferencedSeriesSequence, [Item(r =>
        {
            r.SetString(DicomTags.SeriesInstanceUID, DicomVR.UI, study.SeriesInstanceUid);
            var instances = new DicomSequence(DicomTags.ReferencedInstanceSequence);
            foreach (var slice in referenced.Values)
                instances.Add(Item(i =>
                {
                    i.SetString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, slice.SopClassUid);
                    i.SetString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, slice.SopInstanceUid);
                }));
            r.Set(instances);
        })]));
        ds.Set(DicomElement.FromValues(DicomTags.PixelData, DicomVR.OB, packed));
        return new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.ExplicitVRLittleEndian);
    }

    /// <summary>The category and type a reader maps to a level: Anatomical Structure, and the level in the phantom's scheme
    /// (meaning "T5 vertebra", which readers also understand as text).</summary>
    private static DicomDataset SegmentItem(int number, string level, SpineSegOptions options) => Item(s =>
    {
        s.SetValues(DicomTags.SegmentNumber, DicomVR.US, (ushort)number);
        s.SetString(DicomTags.SegmentLabel, DicomVR.LO, options.LabelPrefix + level);
        s.SetString(DicomTags.SegmentDescription, DicomVR.ST, options.WholeVertebrae ? $"{level} vertebra" : $"{level} vertebral body");
        s.SetString(DicomTags.SegmentAlgorithmType, DicomVR.CS, "MANUAL");
        s.Set(Codes(DicomTags.SegmentedPropertyCategoryCodeSequence, "91723000", "SCT", "Anatomical Structure"));
        s.Set(Codes(DicomTags.SegmentedPropertyTypeCodeSequence, "VERT-" + level, LevelCodingScheme, level + " vertebra"));
        var hue = number * 47 % 360;
        s.SetValues(DicomTags.RecommendedDisplayCIELabValue, DicomVR.US, (ushort)40000, (ushort)(32768 + 12000 * Math.Cos(hue * Math.PI / 180)),
            (ushort)(32768 + 12000 * Math.Sin(hue * Math.PI / 180)));
    });

    private sealed record Slice(SliceGeometry Geometry, string SopClassUid, string SopInstanceUid);

    /// <summary>Each distinct slice position once (a duplicated slice's copy is left out), in instance order.</summary>
    private static List<Slice> Slices(IReadOnlyList<DicomFile> instances)
    {
        var result = new List<Slice>();
        var seen = new HashSet<(long, long, long)>();
        foreach (var file in instances)
        {
            var d = file.Dataset;
            var position = d.GetElement(DicomTags.ImagePositionPatient)!.GetDecimals();
            var orientation = d.GetElement(DicomTags.ImageOrientationPatient)!.GetDecimals();
            var spacing = d.GetElement(DicomTags.PixelSpacing)!.GetDecimals();
            if (!seen.Add(((long)Math.Round(position[0] * 100), (long)Math.Round(position[1] * 100), (long)Math.Round(position[2] * 100)))) continue;
            var geometry = new SliceGeometry(new V3(position[0], position[1], position[2]), new V3(orientation[0], orientation[1], orientation[2]),
                new V3(orientation[3], orientation[4], orientation[5]), spacing[0], (int)d.GetInteger(DicomTags.Rows)!.Value, (int)d.GetInteger(DicomTags.Columns)!.Value);
            result.Add(new Slice(geometry, d.GetString(DicomTags.SOPClassUID)!, d.GetString(DicomTags.SOPInstanceUID)!));
        }
        return result;
    }

    private static byte[]? Rasterise(IReadOnlyList<ICtShape> shapes, SliceGeometry geometry)
    {
        byte[]? mask = null;
        foreach (var shape in shapes)
        {
            if (!Clip(geometry, shape.Bounds, out var c0, out var c1, out var r0, out var r1)) continue;
            for (var r = r0; r <= r1; r++)
                for (var c = c0; c <= c1; c++)
                    if (shape.Sample(geometry.PixelCentre(c, r), out _))
                        (mask ??= new byte[geometry.Rows * geometry.Columns])[r * geometry.Columns + c] = 1;
        }
        return mask;
    }

    /// <summary>The pixel rectangle of any plane (axial CT or sagittal MR) that can lie inside <paramref name="box"/>: the box's
    /// corners projected on the row and column directions, none when the plane misses the box.</summary>
    private static bool Clip(SliceGeometry geometry, Aabb box, out int column0, out int column1, out int row0, out int row1)
    {
        column0 = row0 = 0;
        column1 = geometry.Columns - 1;
        row1 = geometry.Rows - 1;
        var normal = geometry.Normal;
        double below = double.MaxValue, above = double.MinValue, i0 = double.MaxValue, i1 = double.MinValue, j0 = double.MaxValue, j1 = double.MinValue;
        for (var corner = 0; corner < 8; corner++)
        {
            var c = new V3((corner & 1) == 0 ? box.Min.X : box.Max.X, (corner & 2) == 0 ? box.Min.Y : box.Max.Y, (corner & 4) == 0 ? box.Min.Z : box.Max.Z);
            var d = c - geometry.Origin;
            var distance = d.Dot(normal);
            below = Math.Min(below, distance);
            above = Math.Max(above, distance);
            var i = d.Dot(geometry.Row) / geometry.PixelSpacing;
            var j = d.Dot(geometry.Column) / geometry.PixelSpacing;
            i0 = Math.Min(i0, i); i1 = Math.Max(i1, i);
            j0 = Math.Min(j0, j); j1 = Math.Max(j1, j);
        }
        if (below > 0 || above < 0) return false;
        column0 = Math.Max(0, (int)Math.Floor(i0));
        column1 = Math.Min(geometry.Columns - 1, (int)Math.Ceiling(i1));
        row0 = Math.Max(0, (int)Math.Floor(j0));
        row1 = Math.Min(geometry.Rows - 1, (int)Math.Ceiling(j1));
        return column0 <= column1 && row0 <= row1;
    }

    private static DicomDataset Dimension(string organisation, DicomTag index, DicomTag group, string label) => Item(d =>
    {
        d.SetString(DicomTags.DimensionOrganizationUID, DicomVR.UI, organisation);
        d.Set(DicomElement.FromTags(DicomTags.DimensionIndexPointer, index));
        d.Set(DicomElement.FromTags(DicomTags.FunctionalGroupPointer, group));
        d.SetString(DicomTags.DimensionDescriptionLabel, DicomVR.LO, label);
    });

    private static DicomSequence Codes(DicomTag tag, string value, string scheme, string meaning) =>
        new(tag, [Item(c =>
        {
            c.SetString(DicomTags.CodeValue, DicomVR.SH, value);
            c.SetString(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme);
            c.SetString(DicomTags.CodeMeaning, DicomVR.LO, meaning);
        })]);

    private static DicomDataset Item(Action<DicomDataset> fill)
    {
        var item = new DicomDataset();
        fill(item);
        return item;
    }

    private static double Round(double value, int decimals = 4)
    {
        var rounded = Math.Round(value, decimals);
        return rounded == 0 ? 0 : rounded;
    }
}
