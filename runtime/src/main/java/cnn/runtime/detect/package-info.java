/**
 * Boxes and what is done with them: IoU ({@link cnn.runtime.detect.Box}), non-max suppression
 * ({@link cnn.runtime.detect.Nms}), decoding a YOLO grid ({@link cnn.runtime.detect.YoloGrid})
 * reading the localize and landmarks heads ({@link cnn.runtime.detect.HeadOutputs}),
 * and mean average precision ({@link cnn.runtime.detect.MeanAveragePrecision}).
 */
package cnn.runtime.detect;
