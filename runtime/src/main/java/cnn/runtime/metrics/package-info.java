/** Small training and evaluation metrics: accuracy, a confusion matrix, a running mean. */
package cnn.runtime.metrics;
