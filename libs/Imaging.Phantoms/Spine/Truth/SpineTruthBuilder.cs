using Imaging.Phantoms.Spine.Anatomy;
using Imaging.Phantoms.Spine.Dicom;
using Imaging.Phantoms.Spine.Rendering;

namespace Imaging.Phantoms.Spine.Truth;

/// <summary>Reads the ground truth off the placed model (never off the pixels): heights from the body profiles, centroids and
/// volumes integrated over the cross-section, end plates through their rims.</summary>
internal static class SpineTruthBuilder
{
    public static SpineCtGroundTruth Build(SpineCtPhantomOptions o, SpineModel model, CtSeriesIdentity id, int planned, int instances)
    {
        var bottomSlice = model.TopZ - (planned - 1) * o.SliceSpacingMm;
        var levels = new List<VertebraTruth>();
        foreach (var v in model.Vertebrae)
        {
            if (v.Region == SpineRegion.Sacral && v.Name != "S1") continue;
            var rims = new[] { -1.0, 1.0 }.SelectMany(a => new[] { -1.0, 1.0 }.Select(t => v.Frame.ToPatient(0, a * v.HalfDepth, t * v.StackHeight / 2).Z)).ToArray();
            var half = o.SliceThicknessMm / 2;
            if (rims.Max() < bottomSlice - half || rims.Min() > model.TopZ + half) continue;
            var full = rims.Max() <= model.TopZ + half && rims.Min() >= bottomSlice - half;
            levels.Add(Level(v, full ? "full" : "partial"));
        }

        return new SpineCtGroundTruth
        {
            StudyInstanceUid = id.StudyInstanceUid,
            SeriesInstanceUid = id.SeriesInstanceUid,
            FrameOfReferenceUid = id.FrameOfReferenceUid,
            PatientId = id.PatientId,
            Seed = o.Seed,
            ThoracicVertebrae = o.ThoracicVertebrae,
            LumbarVertebrae = o.LumbarVertebrae,
            TransitionalAnatomy = o.ThoracicVertebrae != 12 || o.LumbarVertebrae != 5,
            FirstLevel = o.FirstLevel,
            LastLevel = o.LastLevel,
            SliceThicknessMm = o.SliceThicknessMm,
            SliceSpacingMm = o.SliceSpacingMm,
            PixelSpacingMm = o.PixelSpacingMm,
            Rows = o.Rows,
            Columns = o.Columns,
            GantryTiltDegrees = o.GantryTiltDegrees,
            PlannedSlices = planned,
            Instances = instances,
            DroppedSlices = o.DroppedSlices.Order().ToArray(),
            DuplicatedSlices = o.DuplicatedSlices.Order().ToArray(),
            TopSliceZMm = Math.Round(model.TopZ, 4),
            BottomSliceZMm = Math.Round(bottomSlice, 4),
            Vertebrae = levels,
            FlaggedLevels = levels.Where(l => l.GenantGrade >= 1).Select(l => l.Level).ToArray(),
        };
    }

    /// <summary>The truth of one placed level (shared by the CT and MR phantoms, which differ only in what counts as in view).</summary>
    internal static VertebraTruth Level(Vertebra v, string fieldOfView)
    {
        var anterior = v.AnteriorHeight;
        var middle = v.MiddleHeight;
        var posterior = v.PosteriorHeight;
        var loss = 100 * (1 - Math.Min(anterior, Math.Min(middle, posterior)) / v.IntactHeight);
        loss = Math.Max(0, Math.Round(loss, 2));
        var (centroid, volume) = v.Solid();
        return new VertebraTruth
        {
            Level = v.Name,
            FieldOfView = fieldOfView,
            AnteriorHeightMm = Math.Round(anterior, 3),
            MiddleHeightMm = Math.Round(middle, 3),
            PosteriorHeightMm = Math.Round(posterior, 3),
            ReferenceHeightMm = Math.Round(v.IntactHeight, 3),
            HeightLossPercent = loss,
            GenantGrade = GenantGrade.FromHeightLoss(loss),
            FractureType = v.Fracture.ToString().ToLowerInvariant(),
            Cement = v.Cement.Count > 0,
            Lesion = v.Lesion is { } lesion ? lesion.Kind.ToString().ToLowerInvariant() : "none",
            LesionVolumeMl = Math.Round(VertebralBodyShape.LesionVolume(v) / 1000, 4),
            Ribs = v.HasRib,
            CentroidMm = v.Frame.ToPatient(centroid.X, centroid.Y, centroid.Z).ToArray(),
            VolumeMl = Math.Round(volume / 1000, 3),
            Axis = v.Frame.Axis.ToArray(6),
            SuperiorEndPlate = Plate(v.EndPlate(superior: true)),
            InferiorEndPlate = Plate(v.EndPlate(superior: false)),
        };
    }

    private static EndPlateTruth Plate((V3 Point, V3 Normal) plate) => new(plate.Point.ToArray(), plate.Normal.ToArray(6));
}
