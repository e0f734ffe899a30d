c1 rA 0 0
c1 rA 0 0
c2 rB 0 0
c3 rC 1 0
c4 rC 1 0
