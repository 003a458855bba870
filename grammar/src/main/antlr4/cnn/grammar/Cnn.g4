grammar Cnn; file: EOF;
