c1 r1 0 0
c2 r1 0 2
c2 r1 1 0
c4 r1 1 1
c3 r1 1 2
