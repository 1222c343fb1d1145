using System.Buffers;
using Imaging.Dicom.Data;
using Imaging.Dicom.Dictionary;
using Imaging.Dicom.Imaging;

namespace Imaging.Analysis.BoneScan;

/// <summary>Loads a whole-body NM series into a <see cref="BoneScanStudy"/>: one instance with two frames or two
/// instances of one view each; the view of each frame from its detector's View Code Sequence, else the instance's
/// View Code / View Name / Image ID / Image Type / Series Description, else frame order (with a warning).</summary>
public static class BoneScanStudyLoader
{
    /// <summary>Reads the views of <paramref name="input"/>; a file that cannot be read or decoded becomes a warning.</summary>
    public static BoneScanStudy Load(SeriesInput input, PixelCodecRegistry? codecs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var warnings = new List<string>();
        var metadata = input.Metadata;
        var (tracer, tracerDescription) = TracerClassifier.Classify(metadata.NuclearMedicine);
        ScanImage? anterior = null, posterior = null;
        var unlabelled = new List<ScanImage>();
        double? spacing = metadata.PixelSpacing is [var row, var column, ..] ? (row + column) / 2 : null;
        if (metadata.PixelSpacing is [var r, var c, ..] && Math.Abs(r - c) > 0.01 * Math.Max(r, c))
            warnings.Add($"pixel spacing {r} × {c} mm is not square: the mean is used");
        foreach (var instance in input.Instances)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var file = instance.File.Read();
                var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
                if (pixels.Description.SamplesPerPixel != 1)
                {
                    warnings.Add($"{instance.File.Name}: {pixels.Description.SamplesPerPixel} samples per pixel, not a counts image; skipped");
                    continue;
                }
                var instanceView = BoneScanViewResolver.InstanceView(file.Dataset, metadata.SeriesDescription);
                for (var frame = 0; frame < pixels.FrameCount; frame++)
                {
                    var frameMetadata = pixels.GetFrameMetadata(frame);
                    spacing ??= frameMetadata.PixelSpacing is [var fr, var fc] ? (fr + fc) / 2 : null;
                    var image = ReadFrame(pixels, frame, frameMetadata, codecs);
                    var view = BoneScanViewResolver.FrameView(frameMetadata) ?? (pixels.FrameCount == 1 ? instanceView : null);
                    switch (view)
                    {
                        case BoneScanView.Anterior when anterior is null: anterior = image; break;
                        case BoneScanView.Posterior when posterior is null: posterior = image.Mirrored(); break;
                        case null: unlabelled.Add(image); break;
                        default: warnings.Add($"{instance.File.Name} frame {frame + 1}: a second {view.Value.ToString().ToLowerInvariant()} view; ignored"); break;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One damaged file must not sink the study: the other view may still be analysable.
                warnings.Add($"{instance.File.Name}: not readable ({ex.GetType().Name}: {ex.Message})");
            }
        }
        var extra = 0;
        foreach (var image in unlabelled)
        {
            if (anterior is null)
            {
                anterior = image;
                warnings.Add("a view without a view label was taken as anterior");
            }
            else if (posterior is null)
            {
                posterior = image.Mirrored();
                warnings.Add("a view without a view label was taken as posterior");
            }
            else extra++;
        }
        if (extra > 0) warnings.Add($"{extra} extra unlabelled view(s) ignored: not a two-view whole-body study");
        return new BoneScanStudy
        {
            StudyInstanceUid = metadata.StudyInstanceUid,
            SeriesInstanceUid = metadata.SeriesInstanceUid,
            Anterior = anterior,
            Posterior = posterior,
            PixelSpacingMm = spacing,
            CountsAnterior = anterior is null ? null : (long)Math.Round(anterior.TotalCounts()),
            CountsPosterior = posterior is null ? null : (long)Math.Round(posterior.TotalCounts()),
            AcquisitionSeconds = metadata.NuclearMedicine?.ActualFrameDurationMs is { } ms and > 0 ? ms / 1000.0 : null,
            Tracer = input.Instances.Count == 0 ? TracerStatus.Failed : tracer,
            TracerDescription = tracerDescription,
            Warnings = input.Instances.Count == 0 ? ["no readable instance", .. warnings] : warnings,
        };
    }

    /// <summary>One frame as counts: stored values through the modality rescale, negatives clipped.</summary>
    private static ScanImage ReadFrame(DicomPixelData pixels, int frame, FrameMetadata frameMetadata, PixelCodecRegistry? codecs)
    {
        var description = pixels.Description;
        var count = checked((int)description.PixelCount);
        using var decoded = pixels.DecodeFrame(frame, out var layout, codecs);
        // Decoders hand back native samples in Bits-Allocated containers, sign-extended: read them as such.
        var decodedDescription = description with { PhotometricInterpretation = layout.PhotometricInterpretation, PlanarConfiguration = 0 };
        if (decodedDescription.BitsAllocated == 1) throw new PixelDataException("1-bit pixel data is not a counts image");
        var reader = new PixelSampleReader(decodedDescription);
        var values = ArrayPool<int>.Shared.Rent(count);
        try
        {
            reader.ReadSamples(decoded.Memory.Span[..(int)description.FrameLength], 0, values);
            var image = new float[count];
            var slope = frameMetadata.RescaleSlope;
            var intercept = frameMetadata.RescaleIntercept;
            if (!double.IsFinite(slope) || !double.IsFinite(intercept)) throw new PixelDataException($"Rescale {slope} / {intercept} is not finite");
            for (var i = 0; i < count; i++)
            {
                var v = values[i] * slope + intercept;
                image[i] = v > 0 ? (float)v : 0f;
            }
            return new ScanImage(description.Columns, description.Rows, image);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(values);
        }
    }
}
