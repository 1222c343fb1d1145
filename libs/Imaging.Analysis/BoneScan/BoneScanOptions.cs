namespace Imaging.Analysis.BoneScan;

/// <summary>Every threshold of the bone-scan analysis, each with the reason for its default, so a site can tune one
/// without reading the code and a result can say which settings produced it.</summary>
public sealed record BoneScanOptions
{
    /// <summary>The defaults used by the worker.</summary>
    public static BoneScanOptions Default { get; } = new();

    // ---- Quality gates ----

    /// <summary>Counts per view below which a whole-body view is too noisy to count lesions reliably (guidelines ask
    /// for 1.0–1.5 M; under 0.5 M small lesions vanish in Poisson noise).</summary>
    public long MinimumCountsPerView { get; init; } = 500_000;

    /// <summary>Pixel spacing assumed when the header has none: 2.26 mm is a 256-column matrix over a 58 cm detector,
    /// the commonest whole-body geometry; the result carries a warning since every size in mm depends on it.</summary>
    public double AssumedPixelSpacingMm { get; init; } = 2.26;

    // ---- Body mask ----

    /// <summary>Smoothing before thresholding the body (mm, Gaussian sigma): enough to turn single-count soft tissue
    /// pixels into a continuous outline, small enough to keep the neck narrower than head and shoulders.</summary>
    public double BodySmoothingMm { get; init; } = 8;

    /// <summary>Body threshold as a fraction of the typical (median) smoothed foreground level: soft tissue sits at
    /// the arms at about half of it, background scatter far below.</summary>
    public double BodyThresholdFraction { get; init; } = 0.25;

    /// <summary>Noise multiplier over the background level for the body threshold's floor (a Poisson z-score).</summary>
    public double BodyBackgroundZ { get; init; } = 4;

    // ---- Anchors ----

    /// <summary>Where the neck is searched, in mm below the head top: the narrowest row between these (an adult head
    /// is 200–250 mm tall, the neck short).</summary>
    public double NeckSearchFromMm { get; init; } = 150;

    /// <summary>End of the neck search in mm below the head top.</summary>
    public double NeckSearchToMm { get; init; } = 330;

    /// <summary>The shoulders are the first row below the neck wider than this many neck widths (shoulder breadth is
    /// about three neck widths; two tolerates arms held close).</summary>
    public double ShoulderWidthJump { get; init; } = 2.0;

    /// <summary>Half width (mm) of the spine column, around the spine centre line: a vertebral body is 40–50 mm wide
    /// and planar blur widens it.</summary>
    public double SpineHalfWidthMm { get; init; } = 28;

    /// <summary>Half length (mm) of the running median that smooths the spine centre line: longer than a hot vertebral or
    /// paravertebral lesion after blur (~50 mm), which would otherwise pull the line sideways and with it every
    /// mirrored reference in those rows (measured: 25 mm gave 1.5 false positives per scan with 3× lesions, 60 mm 0.5).</summary>
    public double SpineLineMedianHalfMm { get; init; } = 60;

    /// <summary>Iliac crests searched between these fractions of body height (head top to feet) below the head top:
    /// anthropometric tables put them at about 0.40–0.45 of stature.</summary>
    public double IliacCrestSearchFrom { get; init; } = 0.34;

    /// <summary>End of the iliac crest search as a fraction of body height.</summary>
    public double IliacCrestSearchTo { get; init; } = 0.52;

    /// <summary>Knees searched between these fractions of body height below the head top (knee joint at about 0.72).</summary>
    public double KneeSearchFrom { get; init; } = 0.64;

    /// <summary>End of the knee search as a fraction of body height.</summary>
    public double KneeSearchTo { get; init; } = 0.82;

    /// <summary>Length of the lumbar spine above the iliac crest (mm): L1 top to the L4 level of the crests is about
    /// 130–150 mm in adults.</summary>
    public double LumbarAboveCrestMm { get; init; } = 140;

    /// <summary>Where the sacrum starts below the crest line (mm): the L5/S1 disc lies 30–50 mm below it.</summary>
    public double SacrumBelowCrestMm { get; init; } = 40;

    /// <summary>Sacrum and coccyx length (mm).</summary>
    public double SacrumLengthMm { get; init; } = 110;

    /// <summary>Pelvis extent below the crest line (mm), down to the ischial tuberosities.</summary>
    public double PelvisBelowCrestMm { get; init; } = 190;

    /// <summary>Sternum length below the shoulders (mm); manubrium to xiphoid is 150–190 mm.</summary>
    public double SternumLengthMm { get; init; } = 180;

    /// <summary>Shoulder girdle band around the shoulder line (mm above, mm below): clavicles, scapulae, humeral heads.</summary>
    public double ShoulderBandAboveMm { get; init; } = 35;

    /// <summary>Shoulder girdle band below the shoulder line (mm).</summary>
    public double ShoulderBandBelowMm { get; init; } = 100;

    /// <summary>Trunk half width as a fraction of the half width at the shoulders: lateral to it are the arms.</summary>
    public double TrunkHalfWidthFraction { get; init; } = 0.75;

    /// <summary>Skeletal pixels for the anchors (iliac crest bone width, knee profile), as a multiple of the soft-tissue
    /// level: lower than for the normal bone, since thin iliac wings must still count.</summary>
    public double AnchorSkeletonRatio { get; init; } = 1.5;

    // ---- Normal bone ----

    /// <summary>Skeletal pixels for the normal-bone level are those whose smoothed value exceeds this multiple of the
    /// soft-tissue level (median of the body): bone-to-soft-tissue ratios on 3-hour MDP scans are 3–6, and a high cut
    /// keeps the blurred edges of bones (partial volume) from pulling the reference down.</summary>
    public double SkeletonToSoftTissueRatio { get; init; } = 2.2;

    /// <summary>Outlier rejection of the normal-bone median: values over median + this many robust SDs (1.4826 × MAD)
    /// are dropped and the median recomputed, so hot lesions and the bladder do not raise the reference.</summary>
    public double NormalBoneOutlierSd { get; init; } = 2.5;

    /// <summary>Iterations of the outlier rejection; it converges in two or three.</summary>
    public int NormalBoneIterations { get; init; } = 5;

    // ---- Candidates ----

    /// <summary>Smallest lesion diameter searched (mm).</summary>
    public double MinLesionDiameterMm { get; init; } = 5;

    /// <summary>Largest lesion diameter searched (mm).</summary>
    public double MaxLesionDiameterMm { get; init; } = 30;

    /// <summary>Scales of the difference-of-Gaussians stack between those diameters: five gives a ratio of about 1.5
    /// between neighbours, fine enough to localise blobs in scale.</summary>
    public int ScaleLevels { get; init; } = 5;

    /// <summary>Smallest Gaussian sigma (pixels): below one pixel a planar NM image holds only noise (the camera's own
    /// resolution is 7–10 mm FWHM).</summary>
    public double MinimumSigmaPixels { get; init; } = 1.0;

    /// <summary>A blob's peak must reach this multiple of normal bone in the region, by default (hot spots are
    /// conventionally ≥ 1.5× normal bone; the blurred peak of a 2× lesion of 15 mm lands near 1.7).</summary>
    public double DefaultPeakRatio { get; init; } = 1.45;

    /// <summary>Per-region peak ratio thresholds overriding <see cref="DefaultPeakRatio"/>: the spine, sacroiliac joints
    /// and shoulders normally take up more tracer than the median bone pixel, limbs and ribs less.</summary>
    public IReadOnlyDictionary<SkeletalRegion, double> RegionPeakRatio { get; init; } = new Dictionary<SkeletalRegion, double>
    {
        [SkeletalRegion.Skull] = 1.5,
        [SkeletalRegion.CervicalSpine] = 1.6,
        [SkeletalRegion.ThoracicSpine] = 1.6,
        [SkeletalRegion.LumbarSpine] = 1.6,
        [SkeletalRegion.Sacrum] = 1.8,
        [SkeletalRegion.Sternum] = 1.6,
        [SkeletalRegion.Shoulder] = 1.6,
        [SkeletalRegion.Pelvis] = 1.6,
        [SkeletalRegion.Ribs] = 1.4,
        [SkeletalRegion.UpperLimbs] = 1.4,
        [SkeletalRegion.LowerLimbs] = 1.4,
    };

    /// <summary>Below this multiple of the view's normal bone a blob is soft tissue whatever its surroundings. Measured: 0.8
    /// and 1.0 find the same phantom lesions (an anterior-only thoracic lesion under the sternum is lost either way),
    /// while 1.0 drops faint asymmetries of a real patient's ribs (nm/WG04_NM1_UNC).</summary>
    public double MinimumPeakRatio { get; init; } = 1.0;

    /// <summary>Knees, ankles and feet take up more tracer than other limb bone in most adults (degenerative change,
    /// weight bearing): a focus in the knee or foot band must reach at least this ratio.</summary>
    public double JointPeakRatio { get; init; } = 2.0;

    /// <summary>The contrast of the blob core against its background annulus must be this many Poisson standard
    /// deviations (z ≥ 4 keeps the chance of a noise blob per scan well under one over ~10⁵ tested positions).</summary>
    public double MinimumZScore { get; init; } = 4;

    /// <summary>The peak must exceed the bone around it: the upper quartile of the smoothed annulus (which on a spine or
    /// rib holds the neighbouring normal bone) times this. A noise bump on normal bone stays under 1.2; a lesion of
    /// twice its bone reaches 1.5 or more.</summary>
    public double MinimumLocalContrast { get; init; } = 1.3;

    /// <summary>Foci at least this hot relative to normal bone skip the local-contrast test and are tested against the
    /// annulus mean: a bladder or an injection site is larger than the annulus, which then lies inside it, yet such a
    /// focus must still be seen so that it can be excluded with its reason.</summary>
    public double ObviousHotSpotRatio { get; init; } = 3.0;

    /// <summary>A lesion must reach this multiple of what normal bone shows at its place: the contralateral bone, or the
    /// spine above and below on the midline (<see cref="MirrorMinimumLateralMm"/>). A 15 mm lesion of twice its bone
    /// peaks at about 1.6–1.7 after the camera blur; normal anatomy stays within ~1.15 of its mirror.</summary>
    public double MinimumReferenceContrast { get; init; } = 1.3;

    /// <summary>The reference contrast a focus on the midline must reach (<see cref="MinimumReferenceContrast"/> lateral of
    /// it): the spine's neighbours are a weaker reference than the other side, since the mandible, manubrium and
    /// sacrum are normally hotter than the bone above and below them.</summary>
    public double MidlineMinimumReferenceContrast { get; init; } = 1.5;

    /// <summary>The midline reference contrast on the vertebral column itself: the lumbar spine in both views, the cervical
    /// and thoracic spine in the posterior view (anteriorly the mandible and the sternum overlap them and
    /// <see cref="MidlineMinimumReferenceContrast"/> applies), and only where the whole reference window above and
    /// below is vertebrae (not the skull base or the sacrum). Default equal to the midline threshold, i.e. off: measured
    /// on the phantoms 1.3 found 4–8 % more 2× lesions but normal posterior thoracic spine (peak ratio ~1.1, large
    /// area) came through, the mixed suite's false positives rose 0.1 → 0.4 per scan at 1.5 M (1.4: 0.2).</summary>
    public double SpineMinimumReferenceContrast { get; init; } = 1.5;

    /// <summary>Lateral of the spine, a focus seen in both views stands out when each view reaches this fraction of the
    /// reference contrast (one view alone must reach all of it): two independent measurements of one focus against the
    /// other side, and noise does not repeat itself at the same place in the other view. Measured on the phantoms
    /// (2× lesions, 20 mm, 1.5 M, 12 scans): 1.0 → 75 %, 0.9 → 77 %, 0.85 → 79 % at 0.42 FP/scan each, but 0.85 raised
    /// the mixed suite's false positives at 1.0 M (0.4 → 0.6) and 0.8 jumps to 2.1 FP/scan (shoulders, limbs, ribs).</summary>
    public double PairedContrastFraction { get; init; } = 0.9;

    /// <summary><see cref="PairedContrastFraction"/> on the midline (spine, sternum, skull, sacrum). Kept separate because
    /// what a lower fraction lets through there is anatomy (sacrum, skull base, manubrium) that, unlike noise, repeats
    /// in both views.</summary>
    public double MidlinePairedContrastFraction { get; init; } = 1.0;

    /// <summary>Lateral of this distance from the spine line (mm) the mirrored position is the reference; closer, the
    /// spine column above and below: a vertebral lesion would otherwise be its own mirror.</summary>
    public double MirrorMinimumLateralMm { get; init; } = 24;

    /// <summary>The contralateral reference is the brightest pixel within this distance (mm) of the mirrored position,
    /// so a slightly wrong spine line or an asymmetric pose does not make normal bone stand out.</summary>
    public double MirrorToleranceMm { get; init; } = 5;

    /// <summary>Lateral of the spine, a focus that misses <see cref="MinimumReferenceContrast"/> still stands out when its
    /// core (radius √2 × the blob's sigma, raw counts) holds this multiple of the contralateral core, the mirror registered
    /// by <see cref="MirrorShiftMm"/> on the surrounding bone; 0 turns the test off. Measured on the phantoms (2× lesions,
    /// 1.5 M, 12 scans, z ≥ 5): 20 mm 77 → 81 %, 15 mm 65 → 70 % at 0.42 / 0.50 FP/scan; 1.1 found the same, 1.2 one
    /// lesion fewer; at 0.5 M and 1.0 M the false positives did not change.</summary>
    public double MirrorCoreContrast { get; init; } = 1.15;

    /// <summary>The Poisson z-score the core must also reach over the registered mirror core: the test's count-level
    /// dependence (at low counts a given ratio is less certain). 3 added 0.17 FP/scan at 1.5 M, 4 and 5 none.</summary>
    public double MirrorCoreZScore { get; init; } = 5;

    /// <summary>Smallest core radius (mm) of the mirror core comparison: the camera blur alone spreads any lesion over
    /// about this radius, and a finer blob scale would compare a few noisy pixels.</summary>
    public double MirrorCoreMinimumRadiusMm { get; init; } = 6;

    /// <summary>Lateral of the spine, a focus that misses its reference contrast still stands out when the local generative
    /// test (<see cref="MirrorLikelihood"/>: the registered mirror neighbourhood times a fitted gain, with or without a blob of
    /// the focus's scale; both views in one statistic) reaches this score (in standard deviations, count-level independent);
    /// 0 turns the test off. Measured (docs/analysis.md, "Fourth pass"; 12 scans, 1.5 M): 2× / 15 mm 70.8 → 74.0 % at 0.25 →
    /// 0.33 FP/scan, mixed suite 92.5 % at 0.10 → 0.20; lesion-free scans no false positive added at 1.5 M. 6 found 77 % at
    /// 15 mm but cost the mixed suite 0.6 FP/scan (asymmetric soft tissue beside extravasation, the face, rib ends). Off by
    /// default: at 10 it added a focus to the synthetic-scan tests and a false positive to the follow-up pair tests (exact
    /// new / persistent / resolved lost for seeds 42, 46, 56), which must hold first.</summary>
    public double MirrorLikelihoodZ { get; init; }

    /// <summary>The score <see cref="MirrorLikelihoodZ"/> needs in the joint bands (shoulder girdle, hips, knees, feet), where
    /// the two sides differ most without disease.</summary>
    public double MirrorLikelihoodJointZ { get; init; } = 12;

    /// <summary>Radius (mm) of the neighbourhood of <see cref="MirrorLikelihoodZ"/> whose ring outside the blob fits the
    /// gain and registers the mirror: about 60 × 60 mm, one bone's surroundings.</summary>
    public double MirrorLikelihoodRadiusMm { get; init; } = 30;

    /// <summary>The largest gain (and its inverse) between a neighbourhood and its mirror that <see cref="MirrorLikelihoodZ"/>
    /// accepts as pose or attenuation; beyond it the region itself differs and the gain is held there.</summary>
    public double MirrorLikelihoodMaximumGain { get; init; } = 1.25;

    /// <summary>Smallest blob sigma (mm) of <see cref="MirrorLikelihoodZ"/>: the camera blur alone (9 mm FWHM) gives any
    /// lesion about this sigma.</summary>
    public double MirrorLikelihoodMinimumSigmaMm { get; init; } = 6;

    /// <summary>A focus lateral of the spine whose half-maximum area above the annulus is diffuse or too large, yet which
    /// stands out from its mirror, is sized at half maximum above the bone around it instead (<see cref="BlobCandidate.ExcessAreaMm2"/>)
    /// rather than dropped as implausible: lesions on long-bone shafts and by the hips. On the midline it let the normal
    /// sternum through (0.5 → 1.2 FP/scan, 15 mm 2× cell), so it is lateral only.</summary>
    public bool ExcessAreaForDiffuseFoci { get; init; } = true;

    /// <summary>Counts per view (the fainter view) below which <see cref="ExcessAreaForDiffuseFoci"/> is off: at 0.5 M it
    /// added 0.17 false positives per scan (noise on hot shoulder and rib bone), at 1.0 M and 1.5 M none.</summary>
    public long ExcessAreaMinimumCountsPerView { get; init; } = 900_000;

    /// <summary>On the sacrum's midline a focus must reach this multiple of the normal bone level as well as its midline
    /// reference: the normal sacrum peaks at 2.2–2.4× on the phantoms and was most of the false positives at 1.5 M
    /// (the lumbar spine above it is the fainter bone). 2.7 also lost L5 lesions the region map puts on the sacrum.</summary>
    public double SacrumMinimumPeakRatio { get; init; } = 2.45;

    /// <summary>On the midline, a focus that misses its reference contrast still stands out when its core (raw counts, radius
    /// as for <see cref="MirrorCoreContrast"/>) holds this multiple of the spine column's cores above and below
    /// (<see cref="ColumnCoreQuantile"/> of each side, the brighter side) with Poisson z ≥ <see cref="ColumnCoreZScore"/>;
    /// 0 turns the test off. Two-view studies only. Measured on the phantoms (2× / 20 mm / 1.5 M, 12 scans): 81.2 → 84.4 %
    /// at 0.17 FP/scan alone, 86.5 % with the diffuse-focus sizing; 1.05 found the same (the z-score decides).</summary>
    public double ColumnCoreContrast { get; init; } = 1.1;

    /// <summary>The Poisson z-score the midline core must reach over the column's expectation.</summary>
    public double ColumnCoreZScore { get; init; } = 5;

    /// <summary><see cref="ColumnCoreZScore"/> off the vertebral column (skull, cervical spine, sacrum, sternum band): there
    /// the neighbours above and below are other bone (skull base, mandible, manubrium), so only a stronger excess counts.</summary>
    public double ColumnCoreOtherZScore { get; init; } = 8;

    /// <summary>The column expectation is the brighter side (true) or the mean of both sides (false, a straight line
    /// through the neighbours: right across a change of vertebral size or attenuation).</summary>
    public bool ColumnCoreBrighterSide { get; init; } = true;

    /// <summary>On the thoracic and lumbar column the core test also runs for a focus at or above
    /// <see cref="ObviousHotSpotRatio"/> when it reaches this multiple of normal bone: a lesion on the sternum over the
    /// spine is "obvious" by the global ratio alone, but so is the normal manubrium (3.0–3.25× on the phantoms, its
    /// core 1.13–1.20× the sternal body below it), which the column test cannot hold.</summary>
    public double ColumnObviousMinimumPeakRatio { get; init; } = 3.4;

    /// <summary><see cref="ColumnCoreContrast"/> in the anterior view over the sternum band below
    /// <see cref="ColumnObviousMinimumPeakRatio"/>: a normal manubrium fainter than 3× normal bone (2.88× on the priors
    /// end-to-end baseline, seed 7) stands 1.15× over the sternal body with z 9.5 and passed 1.1; the sternal 2× lesions
    /// the column test finds stand 1.18–1.24× there. In the posterior view the same band needs <see cref="ColumnCoreOtherZScore"/>
    /// (the manubrium through the chest: 1.15×, z 5.8 over the thoracic vertebrae).</summary>
    public double ColumnCoreSternumContrast { get; init; } = 1.2;

    /// <summary>Quantile of each side's column cores taken as its expectation: above the median so that a focus on a
    /// vertebral body is compared with vertebral bodies, not with the discs between them.</summary>
    public double ColumnCoreQuantile { get; init; } = 0.75;

    /// <summary>How far (mm) the mirror may be shifted to register it with the focus's surroundings.</summary>
    public double MirrorShiftMm { get; init; } = 5;

    /// <summary>Gaussian sigma (mm) of the image the reference contrast is measured on (the nearest scale-space level; the
    /// default picks the finest). Measured on the phantoms: 5 mm lowered a 20 mm lesion's contrast more than it
    /// removed noise (sensitivity at 2× fell from 69 % to 58 %).</summary>
    public double ReferenceSmoothingMm { get; init; } = 2;

    /// <summary>On the midline, the reference is the median of the spine column from this distance (mm) above and below
    /// the focus: beyond the half width of a 30 mm lesion after blur, within the next vertebra or two.</summary>
    public double MidlineReferenceFromMm { get; init; } = 30;

    /// <summary>The midline reference is the brighter of the windows above and below (true) or their mean (false): the
    /// brighter side keeps the mandible, manubrium and sacrum, hotter than one neighbour, from standing out (measured:
    /// the mean found 8 % more 2× lesions with 2–3× the false positives).</summary>
    public bool MidlineReferenceBrighterSide { get; init; } = true;

    /// <summary>End of the midline reference window above and below (mm).</summary>
    public double MidlineReferenceToMm { get; init; } = 70;

    /// <summary>Smallest plausible lesion area at half maximum (mm²): under ~ a 5 mm disc it is a noise spike.</summary>
    public double MinLesionAreaMm2 { get; init; } = 20;

    /// <summary>Largest area at half maximum (mm²): a 30 mm lesion blurred by the camera's ~10 mm FWHM covers about
    /// 800 mm² on its own, but its half-maximum region runs on along the host bone (a femur, a hand, a rib), measured
    /// up to ~1300 mm² on the phantoms; larger hot areas are organs, feet or diffuse uptake. Symmetric joints and the face
    /// are kept out by the reference contrast, not by this limit.</summary>
    public double MaxLesionAreaMm2 { get; init; } = 1350;

    /// <summary>Blobs closer than this (mm) in one view are one blob (the strongest kept).</summary>
    public double DuplicateDistanceMm { get; init; } = 12;

    // ---- Exclusions ----

    /// <summary>Bladder: a blob within this distance (mm) of the spine line, below the iliac crests.</summary>
    public double BladderMidlineMm { get; init; } = 50;

    /// <summary>Bladder: how far below the crest line it may lie (mm).</summary>
    public double BladderBelowCrestMm { get; init; } = 230;

    /// <summary>Bladder: the blob's peak ratio must exceed this (a full bladder is 3–20× normal bone); fainter midline
    /// pelvic blobs are kept as sacral or pubic lesions.</summary>
    public double BladderPeakRatio { get; init; } = 2.5;

    /// <summary>Bladder: its half-maximum area must reach this (mm²; a 30 mm disc), or spill out of the growing window;
    /// a bladder is 40–100 mm across, a lesion at most 30 mm, so a hot sacral or pubic lesion is not taken for it.</summary>
    public double BladderMinAreaMm2 { get; init; } = 700;

    /// <summary>Exclusions of one reason closer than this (mm) are one structure (a bladder or kidney gives several
    /// blobs) and are reported once.</summary>
    public double ExclusionMergeMm { get; init; } = 90;

    /// <summary>A focus this close (mm) to an excluded bladder, kidney, injection site or symmetric joint is another
    /// peak of the same structure and shares its exclusion.</summary>
    public double ExclusionSatelliteMm { get; init; } = 35;

    /// <summary>A counted focus this close (mm) to a hotter counted focus is part of that lesion (its blurred tail lifting
    /// the neighbouring rib or vertebral half); two metastases closer than this are reported as one.</summary>
    public double LesionMergeMm { get; init; } = 35;

    /// <summary>Kidneys: lateral distance from the spine line (mm), from – to.</summary>
    public double KidneyLateralFromMm { get; init; } = 25;

    /// <summary>Kidneys: outer lateral limit (mm).</summary>
    public double KidneyLateralToMm { get; init; } = 130;

    /// <summary>Kidneys: vertical band relative to the iliac crest line (mm above it, from – to): the kidneys lie at
    /// T12–L3.</summary>
    public double KidneyAboveCrestFromMm { get; init; } = 20;

    /// <summary>Kidneys: upper limit of the band above the crest (mm).</summary>
    public double KidneyAboveCrestToMm { get; init; } = 250;

    /// <summary>Kidneys: posterior-to-anterior peak ratio above which a blob is posterior-dominant (kidneys lie close
    /// to the back; ratios of 1.5–3 are usual).</summary>
    public double KidneyPosteriorDominance { get; init; } = 1.3;

    /// <summary>Kidneys: the focus' half-maximum area must reach this (mm²), or spill out of the growing window: a kidney
    /// is about 110 × 55 mm, a posterior rib lesion beside it at most a 30 mm blob (~800 mm²).</summary>
    public double KidneyMinAreaMm2 { get; init; } = 1000;

    /// <summary>Kidneys: a smaller posterior-dominant focus in the kidney zone is still a kidney (a pole of it) when its
    /// peak stays under this multiple of normal bone: renal activity 3 h after injection is about as bright as bone
    /// (poles measured up to 1.47 on the phantoms), a rib lesion brighter.</summary>
    public double KidneyMaxPolePeakRatio { get; init; } = 1.6;

    /// <summary>Injection site: a focus in an arm at least this hot relative to normal bone (extravasated tracer is
    /// typically 5–50×; metastases in the forearm are rare).</summary>
    public double InjectionPeakRatio { get; init; } = 4;

    /// <summary>Symmetric joints: a mirror partner must lie within this distance (mm) of the reflected position.</summary>
    public double SymmetryDistanceMm { get; init; } = 30;

    /// <summary>Symmetric joints: the partners' peak ratios must agree within this factor.</summary>
    public double SymmetryIntensityRatio { get; init; } = 1.5;

    /// <summary>Knee joint band around the knee line (mm either side).</summary>
    public double KneeBandMm { get; init; } = 50;

    /// <summary>Ankles and feet: the lowest part of the body (mm) where symmetric uptake is also degenerative.</summary>
    public double FootBandMm { get; init; } = 120;

    /// <summary>Hip joints below the crest line (mm, from – to) and lateral of the spine (mm, from – to).</summary>
    public double HipBelowCrestFromMm { get; init; } = 60;

    /// <summary>Lower end of the hip band below the crest line (mm).</summary>
    public double HipBelowCrestToMm { get; init; } = 150;

    /// <summary>Hip joints' minimum lateral distance from the spine line (mm).</summary>
    public double HipLateralFromMm { get; init; } = 60;

    // ---- Pairing and grading ----

    /// <summary>Anterior and (mirrored) posterior blobs closer than this (mm) are one lesion.</summary>
    public double PairingDistanceMm { get; init; } = 25;

    /// <summary>Within the sternum band, an anterior-to-posterior peak ratio above this places a midline lesion in the
    /// sternum rather than the thoracic spine (the sternum lies against the anterior chest wall).</summary>
    public double SternumAnteriorDominance { get; init; } = 1.3;

    /// <summary>Superscan: lesion burden (% of skeletal area) at or above which grade 4 is given.</summary>
    public double SuperscanBurdenPercent { get; init; } = 50;

    /// <summary>Superscan: normal bone to soft tissue ratio at or above which, with no kidney seen, grade 4 is given
    /// (diffuse intense skeletal uptake with faint kidneys is the superscan pattern).</summary>
    public double SuperscanBoneToSoftTissue { get; init; } = 12;

    /// <summary>The peak ratio threshold of <paramref name="region"/>.</summary>
    public double PeakRatioFor(SkeletalRegion region) =>
        RegionPeakRatio.TryGetValue(region, out var ratio) ? ratio : DefaultPeakRatio;
}
